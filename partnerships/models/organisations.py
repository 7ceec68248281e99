"""People and organisations: users, startups and pharma companies, memberships, invitations, profiles."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from checklists.i18n import active_language

from .choices import (
    DeviceClass,
    Maturity,
    TargetLevel,
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person; logs in with an e-mail address."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=5, default="fr")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class TherapeuticArea(models.Model):
    """Reference list shared by startup and pharma profiles (filterable on every database)."""

    code = models.SlugField(_("code"), unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("therapeutic area")
        verbose_name_plural = _("therapeutic areas")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name_en if active_language() == "en" else self.name_fr


class Organisation(models.Model):
    class Kind(models.TextChoices):
        STARTUP = "startup", _("Digital-health startup")
        PHARMA = "pharma", _("Pharmaceutical company")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_startup(self) -> bool:
        return self.kind == self.Kind.STARTUP

    @property
    def is_pharma(self) -> bool:
        return self.kind == self.Kind.PHARMA


class Membership(models.Model):
    """A user belongs to one organisation. Admins invite and remove members."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", pgettext_lazy("organisation role", "Member")
        REVIEWER = "reviewer", _("Reviewer")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


def _token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The link's age counts from the last sending: re-sending gives a new token and a new lifetime.
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def expires_at(self) -> datetime:
        return self.sent_at + timedelta(days=settings.INVITATION_LIFETIME_DAYS)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class StartupProfile(models.Model):
    """What the startup says about itself: the facts the guide's advice depends on, and more."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="startup_profile")
    description = models.TextField(_("what the solution does"), blank=True)
    website = models.URLField(_("website"), blank=True)
    maturity = models.CharField(
        _("maturity stage"), max_length=24, choices=Maturity.choices, default=Maturity.PROTOTYPE
    )
    is_medical_device = models.BooleanField(_("the solution is a medical device"), default=False)
    device_class = models.CharField(
        _("medical device class"), max_length=4, choices=DeviceClass.choices, default=DeviceClass.NONE
    )
    has_ai = models.BooleanField(_("the solution contains artificial intelligence"), default=False)
    processes_health_data = models.BooleanField(_("the solution processes health data"), default=False)
    # Health data is personal data: `facts()` reads this fact as true whenever health data is processed.
    processes_personal_data = models.BooleanField(
        _("the solution processes personal data"),
        default=False,
        help_text=_(
            "Any data about an identifiable person (users, patients, professionals); always true with health data."
        ),
    )
    business_models = models.JSONField(_("business model and reimbursement route"), default=list, blank=True)
    is_etp_programme = models.BooleanField(
        _("the solution is a therapeutic patient education programme"), default=False
    )
    deploys_abroad = models.BooleanField(_("deployed or to be deployed outside France"), default=False)
    therapeutic_areas = models.ManyToManyField(TherapeuticArea, blank=True, verbose_name=_("therapeutic areas"))
    target_users = models.JSONField(_("target users"), default=list, blank=True)
    team_size = models.PositiveIntegerField(_("team size"), null=True, blank=True)
    cash_runway_months = models.PositiveIntegerField(_("cash runway (months)"), null=True, blank=True)
    support_structures = models.CharField(
        _("incubator, accelerator or cluster supporting you"), max_length=300, blank=True
    )
    pharma_expectations = models.JSONField(_("what you expect from a pharma partner"), default=list, blank=True)
    partnership_sought = models.JSONField(_("partnership types sought"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("startup profile")
        verbose_name_plural = _("startup profiles")

    def __str__(self) -> str:
        return str(self.organisation)

    def facts(self) -> dict:
        """The profile facts the scoring rules read (see scoring.rules.FACTS)."""
        return {
            "maturity": self.maturity,
            "is_medical_device": self.is_medical_device,
            "device_class": self.device_class,
            "has_ai": self.has_ai,
            "processes_health_data": self.processes_health_data,
            "processes_personal_data": self.processes_personal_data or self.processes_health_data,
            "business_models": list(self.business_models),
            "is_etp_programme": self.is_etp_programme,
            "deploys_abroad": self.deploys_abroad,
            "partnership_sought": list(self.partnership_sought),
        }


class PharmaProfile(models.Model):
    """The pharma company's transparency profile, built on the guide's pharma commitments."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="pharma_profile")
    is_published = models.BooleanField(_("published in the directory"), default=False)
    description = models.TextField(_("presentation"), blank=True)
    level = models.CharField(_("entity"), max_length=12, choices=TargetLevel.choices, default=TargetLevel.AFFILIATE)
    therapeutic_areas = models.ManyToManyField(TherapeuticArea, blank=True, verbose_name=_("therapeutic areas"))
    entry_point = models.TextField(_("entry point for partnerships"), blank=True)
    decision_makers = models.TextField(_("key decision makers (roles)"), blank=True)
    decision_milestones = models.TextField(_("decision milestones and timings"), blank=True)
    typical_decision_weeks = models.PositiveIntegerField(_("typical time to a decision (weeks)"), null=True, blank=True)
    budget_ranges = models.TextField(_("budget ranges by partnership type"), blank=True)
    partnership_modes = models.JSONField(_("partnership modes offered"), default=list, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    equity_investment = models.BooleanField(_("equity investment possible"), default=False)
    referent_name = models.CharField(_("referent for startups"), max_length=200, blank=True)
    referent_email = models.EmailField(_("referent's e-mail"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("pharma transparency profile")
        verbose_name_plural = _("pharma transparency profiles")
        indexes = [models.Index(fields=["is_published"])]

    def __str__(self) -> str:
        return str(self.organisation)
