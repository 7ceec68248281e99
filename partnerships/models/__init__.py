from .assessments import Answer, Assessment, AssessmentSnapshot, TargetCompany
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
from .dossiers import AuditEvent, Dossier, DossierEvent, DossierMessage
from .organisations import (
    Invitation,
    Membership,
    Organisation,
    PharmaProfile,
    StartupProfile,
    TherapeuticArea,
    User,
)
from .reports import Report
from .trust import Cda, ConfidentialPart, OrganisationIdentity

__all__ = [
    "Answer",
    "Assessment",
    "AssessmentSnapshot",
    "AuditEvent",
    "BusinessModel",
    "Cda",
    "ConfidentialPart",
    "DeviceClass",
    "Dossier",
    "DossierEvent",
    "DossierMessage",
    "Invitation",
    "Maturity",
    "Membership",
    "Organisation",
    "OrganisationIdentity",
    "PartnershipMode",
    "PharmaExpectation",
    "PharmaNeed",
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
