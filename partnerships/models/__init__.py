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
from .plans import Action
from .reports import Report

__all__ = [
    "Action",
    "ApiToken",
    "Answer",
    "Assessment",
    "AssessmentSnapshot",
    "AuditEvent",
    "BenchmarkOptOut",
    "BusinessModel",
    "DeviceClass",
    "Dossier",
    "DossierEvent",
    "DossierMessage",
    "Invitation",
    "Maturity",
    "Membership",
    "Organisation",
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
