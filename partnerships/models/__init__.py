from .api_tokens import ApiToken
from .assessments import Answer, Assessment, AssessmentSnapshot, TargetCompany
from .benchmark import BenchmarkOptOut, PeerAggregate
from .choices import (
    BusinessModel,
    DeviceClass,
    Maturity,
    PartnershipMode,
    PharmaExpectation,
    PharmaNeed,
    TargetFunction,
    TargetLevel,
    TargetUser,
)
from .dossiers import AuditEvent, Dossier, DossierActivity, DossierEvent, DossierMessage
from .notifications import DossierSeen
from .organisations import (
    Invitation,
    Membership,
    Organisation,
    PharmaProfile,
    StartupProfile,
    TherapeuticArea,
    User,
)
from .partnership import (
    Feedback,
    FeedbackRound,
    Kpi,
    KpiAlert,
    KpiValue,
    KpiVersion,
    Meeting,
    MeetingSlot,
    NextStep,
    Partnership,
    PartnershipReview,
    Side,
)
from .plans import Action
from .reports import Report
from .reviews import DossierReview, DossierTeamReview
from .trust import Cda, ConfidentialPart, OrganisationIdentity

__all__ = [
    "Action",
    "ApiToken",
    "Feedback",
    "FeedbackRound",
    "Kpi",
    "KpiAlert",
    "KpiValue",
    "KpiVersion",
    "Meeting",
    "MeetingSlot",
    "NextStep",
    "Partnership",
    "PartnershipReview",
    "Side",
    "Answer",
    "Assessment",
    "AssessmentSnapshot",
    "AuditEvent",
    "BenchmarkOptOut",
    "BusinessModel",
    "Cda",
    "ConfidentialPart",
    "DeviceClass",
    "Dossier",
    "DossierActivity",
    "DossierEvent",
    "DossierMessage",
    "DossierReview",
    "DossierTeamReview",
    "DossierSeen",
    "Invitation",
    "Maturity",
    "Membership",
    "Organisation",
    "OrganisationIdentity",
    "PartnershipMode",
    "PharmaExpectation",
    "PharmaNeed",
    "PeerAggregate",
    "PharmaProfile",
    "Report",
    "StartupProfile",
    "TargetCompany",
    "TargetFunction",
    "TargetLevel",
    "TargetUser",
    "TherapeuticArea",
    "User",
]
