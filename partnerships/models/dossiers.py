"""Dossiers a startup submits to a pharma company, and the pharma team's review of them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .assessments import AssessmentSnapshot, TargetCompany
from .organisations import Organisation, TherapeuticArea
from .reports import Report


class Dossier(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("dossier status", "Received")
        IN_REVIEW = "in_review", pgettext_lazy("dossier status", "In review")
        MEETING_PROPOSED = "meeting_proposed", pgettext_lazy("dossier status", "Meeting proposed")
        PARTNERSHIP_STARTED = "partnership_started", pgettext_lazy("dossier status", "Partnership started")
        DECLINED = "declined", pgettext_lazy("dossier status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("dossier status", "Withdrawn")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    startup = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="dossiers_sent")
    pharma = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="dossiers_received")
    target = models.ForeignKey(TargetCompany, on_delete=models.SET_NULL, null=True, related_name="dossiers")
    snapshot = models.ForeignKey(AssessmentSnapshot, on_delete=models.PROTECT, related_name="dossiers")
    report = models.ForeignKey(Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    cover_message = models.TextField(_("cover message"), max_length=3000)
    decision_needed_by = models.DateField(_("decision needed by"), null=True, blank=True)
    status = models.CharField(
        pgettext_lazy("dossier", "status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Frozen at submission so the inbox filters and sorts without reading the snapshot.
    startup_name = models.CharField(_("startup"), max_length=200, db_index=True)
    overall_score = models.FloatField(_("score"), null=True)
    band = models.CharField(_("readiness"), max_length=16, blank=True)
    maturity = models.CharField(_("maturity stage"), max_length=24, blank=True)
    business_models = models.JSONField(_("business models"), default=list, blank=True)
    therapeutic_areas = models.ManyToManyField(TherapeuticArea, blank=True, verbose_name=_("therapeutic areas"))

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["pharma", "status", "-submitted_at"]),
            # The team's medians read the recent dossiers' dates from the index alone (PostgreSQL's INCLUDE).
            models.Index(
                fields=["pharma", "-submitted_at"],
                include=["first_response_at", "decided_at"],
                name="dossier_pharma_recent_idx",
            ),
            models.Index(fields=["pharma", "decision_needed_by"]),
            # The inbox's and the dashboard's counts, from the index alone; with the id, also the inbox's count
            # of a therapeutic area's dossiers (joined to the areas by id: 8.1 → 3.8 ms on 5,000 dossiers).
            models.Index(
                fields=["pharma", "status", "decision_needed_by"], include=["id"], name="dossier_pharma_counts_idx"
            ),
            models.Index(fields=["startup", "-submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.startup_name} → {self.pharma}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DECLINED, self.Status.WITHDRAWN, self.Status.PARTNERSHIP_STARTED)


class DossierActivity(models.Model):
    """What happens on a dossier (an event, a message), with the dossier's two organisations copied on the row
    when it is saved: a dossier never changes sides. The navigation's count of what is new, on every page, then
    reads one organisation's recent rows from an index instead of joining all of its dossiers (docs/performance.md,
    stop 23). No constraint and no cascade of their own: the rows go with their dossier."""

    startup = models.ForeignKey(
        Organisation, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+", blank=True
    )
    pharma = models.ForeignKey(
        Organisation, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+", blank=True
    )

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["pharma", "created_at"]), models.Index(fields=["startup", "created_at"])]

    def save(self, *args, **kwargs):
        if self.startup_id is None or self.pharma_id is None:
            for column, value in self.sides_of(self.dossier).items():
                setattr(self, column, value)
        super().save(*args, **kwargs)

    @staticmethod
    def sides_of(dossier: "Dossier") -> dict:
        """The columns a row of `dossier`'s activity copies (also for rows written by bulk_create, which skips save)."""
        return {"startup_id": dossier.startup_id, "pharma_id": dossier.pharma_id}


class DossierEvent(DossierActivity):
    """Every status change or assignment, dated and kept."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    # What a reader needs in their own language, e.g. an assignment: {"assignee": "Paula Martin"} (None: nobody).
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(DossierActivity.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class DossierMessage(DossierActivity):
    """A message on a dossier: shared with the startup, or internal to the pharma team."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("message"), max_length=5000)
    is_internal = models.BooleanField(_("internal note (pharma team only)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(DossierActivity.Meta):
        pass

    def __str__(self) -> str:
        return self.body[:60]


class AuditEvent(models.Model):
    """Sensitive actions, visible to the organisation's admins."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=40)
    description = models.CharField(max_length=300)
    # What a reader needs in their own language, as codes (e.g. a status change: dossier, from_status, to_status).
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.description}"
