"""After the first meeting (the guide's steps 9 and 10): meetings, the shared partnership space, jointly
agreed KPIs with alert levels, feedback, and the PDF partnership review.

Everything hangs off a dossier: both sides of a dossier (its startup and its pharma company) see it, nobody
else. Times are stored in UTC and shown in Europe/Paris (settings.TIME_ZONE).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .dossiers import Dossier
from .reports import RenderedPdf


class Side(models.TextChoices):
    STARTUP = "startup", _("Startup")
    PHARMA = "pharma", _("Pharma company")


class Partnership(models.Model):
    """What both sides agreed: scope and documents (created with the first edit)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="partnership")
    scope = models.TextField(_("agreed scope"), max_length=5000, blank=True)
    documents = models.TextField(
        _("document references"),
        max_length=5000,
        blank=True,
        help_text=_("One reference per line (title, version, where it is kept)."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return str(self.dossier)


class Meeting(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("meeting status", "Slots proposed")
        CONFIRMED = "confirmed", pgettext_lazy("meeting status", "Confirmed")
        CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    # [{"name": ..., "role": ..., "side": "startup"|"pharma", "decision_maker": bool}]
    attendees = models.JSONField(_("attendees"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    agenda = models.TextField(_("agenda"), max_length=10000, blank=True)
    # While nobody has edited it, the agenda is the guide's draft: each reader reads it in their own language.
    agenda_is_draft = models.BooleanField(_("agenda is the guide's draft"), default=False)
    notes = models.TextField(_("meeting notes"), max_length=10000, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def has_decision_maker(self) -> bool:
        return any(attendee.get("decision_maker") for attendee in self.attendees)


class MeetingSlot(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    proposed_by = models.CharField(max_length=10, choices=Side.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class NextStep(models.Model):
    """Something one side will do, with its owner and a date (after a meeting, or on the partnership page)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="next_steps")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="next_steps")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    title = models.CharField(_("next step"), max_length=300)
    owner = models.CharField(_("owner"), max_length=200)
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_date", "id"]

    def __str__(self) -> str:
        return self.title


class Kpi(models.Model):
    """A KPI of the partnership. Its terms live in versions: one active (both sides accepted) and at most one
    proposed change; superseded versions are the history."""

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        HALF_YEARLY = "half_yearly", _("Every six months")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="kpis")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        version = self.latest_version()
        return version.name if version else str(self.uuid)

    def latest_version(self) -> "KpiVersion | None":
        """Its latest terms, proposed or agreed."""
        return self.versions.order_by("-number").first()


class KpiVersion(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("KPI status", "Proposed")
        ACTIVE = "active", pgettext_lazy("KPI status", "Active")
        SUPERSEDED = "superseded", pgettext_lazy("KPI status", "Superseded")
        WITHDRAWN = "withdrawn", pgettext_lazy("KPI status", "Withdrawn")

    # The terms both sides agree on: what a proposal sets and a change proposes again.
    TERMS = (
        "catalogue_code",
        "name",
        "unit",
        "baseline",
        "target",
        "start_date",
        "target_date",
        "direction",
        "frequency",
        "responsible_side",
        "meeting_below",
        "review_below",
    )

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    catalogue_code = models.CharField(_("from the guide"), max_length=20, blank=True)
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    start_date = models.DateField(_("start date"))
    target_date = models.DateField(_("target date"))
    direction = models.CharField(_("direction"), max_length=4, choices=Kpi.Direction.choices, default=Kpi.Direction.UP)
    frequency = models.CharField(
        _("review frequency"), max_length=12, choices=Kpi.Frequency.choices, default=Kpi.Frequency.MONTHLY
    )
    responsible_side = models.CharField(_("values entered by"), max_length=10, choices=Side.choices)
    meeting_below = models.PositiveSmallIntegerField(
        _("meeting below (% of the expected trajectory)"), default=70, validators=[MaxValueValidator(100)]
    )
    review_below = models.PositiveSmallIntegerField(
        _("strategic review below (% of the expected trajectory)"), default=40, validators=[MaxValueValidator(100)]
    )
    proposed_by = models.CharField(max_length=10, choices=Side.choices)
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    startup_accepted_at = models.DateTimeField(null=True, blank=True)
    pharma_accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kpi", "-number"]
        constraints = [models.UniqueConstraint(fields=["kpi", "number"], name="kpi_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.start_date and self.target_date and self.target_date <= self.start_date:
            errors["target_date"] = _("The target date must come after the start date.")
        if self.baseline is not None and self.target is not None:
            if self.direction == Kpi.Direction.UP and self.target <= self.baseline:
                errors["target"] = _("Higher is better: the target must be above the baseline.")
            if self.direction == Kpi.Direction.DOWN and self.target >= self.baseline:
                errors["target"] = _("Lower is better: the target must be below the baseline.")
        if self.review_below is not None and self.meeting_below is not None and self.review_below >= self.meeting_below:
            errors["review_below"] = _("The strategic-review level must be below the meeting level.")
        if errors:
            raise ValidationError(errors)


class KpiValue(models.Model):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [models.UniqueConstraint(fields=["kpi", "measured_on"], name="kpi_value_unique_date")]

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"


class KpiAlert(models.Model):
    """An alert level crossed (or a value overdue), open until someone records what was decided."""

    class Level(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        STRATEGIC_REVIEW = "strategic_review", _("Strategic review")
        OVERDUE = "overdue", _("Value overdue")

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="alerts")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    value = models.ForeignKey(KpiValue, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    progress = models.FloatField(null=True, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    decision = models.TextField(_("what was decided"), max_length=3000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.level}"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None


class FeedbackRound(models.Model):
    """After a meeting or a review period, each side answers once; the other side reads it when both have
    answered (no anchoring) or after the deadline."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="feedback_rounds")
    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback_round"
    )
    label = models.CharField(_("about"), max_length=200)
    deadline = models.DateField(_("answers visible to both sides from"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label


RATING = [MinValueValidator(1), MaxValueValidator(5)]


class Feedback(models.Model):
    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="answers")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    works = models.TextField(_("what works"), max_length=3000)
    does_not_work = models.TextField(_("what does not work"), max_length=3000)
    to_change = models.TextField(_("what to change"), max_length=3000)
    collaboration = models.PositiveSmallIntegerField(_("collaboration"), validators=RATING)
    responsiveness = models.PositiveSmallIntegerField(_("responsiveness of the other side"), validators=RATING)
    clarity = models.PositiveSmallIntegerField(_("clarity of decisions"), validators=RATING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["side"]
        constraints = [models.UniqueConstraint(fields=["round", "side"], name="feedback_once_per_side")]

    def __str__(self) -> str:
        return f"{self.round} ({self.side})"


def review_upload_to(review: "PartnershipReview", filename: str) -> str:
    return f"partnership-reviews/{review.uuid.hex}/{filename}"


class PartnershipReview(RenderedPdf):
    """The PDF partnership review (KPIs against their trajectory, alerts, feedback, next steps)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="partnership_reviews")
    file = models.FileField(_("file"), upload_to=review_upload_to, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.dossier} [{self.language}] {self.status}"
