"""Trust between the two sides: who an organisation is (verified by staff), and what a dossier keeps confidential
until both sides have recorded a confidentiality agreement (CDA)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .dossiers import Dossier
from .organisations import Organisation


class OrganisationIdentity(models.Model):
    """The facts staff check before a pharma company reaches startups, and the company's standard CDA.

    An organisation without this row is unverified, like a pending one: nothing has been checked yet.
    """

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("verification", "Pending")
        VERIFIED = "verified", pgettext_lazy("verification", "Verified")
        REJECTED = "rejected", pgettext_lazy("verification", "Rejected")

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="identity")
    legal_identifier = models.CharField(_("SIREN or SIRET"), max_length=14, blank=True)
    website = models.URLField(_("website"), blank=True)
    # One domain a line, lower case, e.g. "sanofi.com": members' addresses are expected there.
    email_domains = models.TextField(_("e-mail domains of your members"), blank=True)
    standard_cda = models.TextField(_("standard mutual CDA"), blank=True, max_length=20000)
    status = models.CharField(
        pgettext_lazy("verification", "status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("verification requested at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("organisation identity")
        verbose_name_plural = _("organisation identities")
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def domains(self) -> list[str]:
        return [line.strip().lower() for line in self.email_domains.splitlines() if line.strip()]


class ConfidentialPart(models.Model):
    """What the startup shows the pharma team only under a CDA both sides accepted."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="confidential_part")
    ip_technology = models.TextField(_("IP and technology details"), blank=True, max_length=10000)
    clinical_data = models.TextField(_("clinical or usage data"), blank=True, max_length=10000)
    business_terms = models.TextField(_("business terms"), blank=True, max_length=10000)
    data_room_links = models.TextField(_("links to your data room"), blank=True, max_length=3000)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("confidential part")
        verbose_name_plural = _("confidential parts")

    def __str__(self) -> str:
        return str(self.dossier)

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in self.data_room_links.splitlines() if line.strip()]

    @property
    def is_empty(self) -> bool:
        return not any((self.ip_technology, self.clinical_data, self.business_terms, self.data_room_links))


class Cda(models.Model):
    """A confidentiality agreement on one dossier: proposed by one side, accepted by the other.

    The proposer's acceptance is its proposal. A new proposal replaces a pending one; the latest row is the
    dossier's CDA. Revoked (by the startup) closes access from then on; what was read stays read.
    """

    class Side(models.TextChoices):
        STARTUP = "startup", _("the startup")
        PHARMA = "pharma", _("the pharma company")

    class Kind(models.TextChoices):
        REFERENCE = "reference", _("An agreement already signed (its reference and date)")
        STANDARD = "standard", _("The pharma company's standard mutual CDA")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="cdas")
    kind = models.CharField(_("agreement"), max_length=10, choices=Kind.choices)
    reference = models.CharField(_("reference of the agreement"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # The standard text as it was when proposed: the company may change its profile later.
    standard_text = models.TextField(blank=True)
    proposed_by_side = models.CharField(max_length=10, choices=Side.choices)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    startup_accepted_at = models.DateTimeField(null=True, blank=True)
    startup_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pharma_accepted_at = models.DateTimeField(null=True, blank=True)
    pharma_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("confidentiality agreement")
        verbose_name_plural = _("confidentiality agreements")
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"CDA {self.dossier}"

    @property
    def is_accepted(self) -> bool:
        return self.startup_accepted_at is not None and self.pharma_accepted_at is not None

    @property
    def in_force(self) -> bool:
        return self.is_accepted and self.revoked_at is None

    @property
    def is_pending(self) -> bool:
        return not self.is_accepted and self.revoked_at is None
