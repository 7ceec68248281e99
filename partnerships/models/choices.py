"""Choice lists shared by profiles, targets and dossiers; values match scoring.rules.FACTS."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Maturity(models.TextChoices):
    PROTOTYPE = "prototype", _("Prototype")
    DEVELOPMENT = "development", _("Product development")
    CLINICAL_VALIDATION = "clinical_validation", _("Clinical validation")
    COMMERCIALISED = "commercialised", _("Commercialised")


class DeviceClass(models.TextChoices):
    NONE = "none", _("Not a medical device")
    I = "I", _("Class I")  # noqa: E741 - the regulation's own name
    IIA = "IIa", _("Class IIa")
    IIB = "IIb", _("Class IIb")
    III = "III", _("Class III")


class BusinessModel(models.TextChoices):
    REMOTE_MONITORING = "remote_monitoring", _("Remote patient monitoring, standard reimbursement")
    PECAN = "pecan", _("PECAN / digital therapeutics (early coverage)")
    HOSPITAL_PURCHASE = "hospital_purchase", _("Purchase by hospitals")
    OUT_OF_POCKET = "out_of_pocket", _("Paid by the user (out of pocket)")
    COMPLEMENTARY_INSURANCE = "complementary_insurance", _("Complementary health insurance")
    OTHER = "other", _("Other")


class TargetUser(models.TextChoices):
    PATIENTS = "patients", _("Patients")
    CAREGIVERS = "caregivers", _("Caregivers")
    PROFESSIONALS = "professionals", _("Health professionals")


class PharmaExpectation(models.TextChoices):
    """What a startup expects from a pharma partner (guide, startup commitments)."""

    FINANCING = "financing", _("Financing")
    TECHNOLOGY = "technology_development", _("Technology development")
    EXPERIMENT = "experiment_deployment", _("Deployment through an experiment")
    USER_ACCESS = "user_access", _("Access to users (patients or professionals)")
    EXPERTISE = "expertise", _("Expertise")
    OTHER = "other", _("Other")


class PartnershipMode(models.TextChoices):
    CO_DEVELOPMENT = "co_development", _("Co-development / R&D")
    CLINICAL_DEVELOPMENT = "clinical_development", _("Clinical development")
    CO_PROMOTION = "co_promotion", _("Co-promotion")
    MARKET_ACCESS = "market_access", _("Market-access expertise")
    DISTRIBUTION = "distribution", _("Distribution")
    PURCHASE = "purchase", _("Purchase of the solution")
    EQUITY_INVESTMENT = "equity_investment", _("Equity investment")
    EXPERTISE = "expertise", _("Expertise (legal, regulatory, HR, marketing)")


class PharmaNeed(models.TextChoices):
    CO_DEVELOPMENT = "co_development", _("Co-development")
    TENDER_SOURCING = "tender_sourcing", _("Sourcing for a tender")
    PIPELINE = "pipeline_integration", _("Pipeline integration")
    DATA_COLLECTION = "data_collection", _("Data collection")
    OTHER = "other", _("Other")


class TargetLevel(models.TextChoices):
    AFFILIATE = "affiliate", _("French affiliate")
    HEAD_OFFICE = "head_office", _("Head office")


class TargetFunction(models.TextChoices):
    MEDICAL = "medical", _("Medical affairs")
    MARKETING = "marketing", _("Marketing")
    MARKET_ACCESS = "market_access", _("Market access")
    RD = "rd", _("R&D")
    INNOVATION = "innovation", _("Innovation")
