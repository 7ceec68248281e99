"""A startup prepares a meeting with a target company by assessing itself against the guide."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from checklists.models import Framework, Item

from .choices import TargetFunction, TargetLevel
from .organisations import Organisation


class TargetCompany(models.Model):
    """The pharma company (and entity, and function) a startup is preparing to meet."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(_("company name"), max_length=200)
    level = models.CharField(_("entity met"), max_length=12, choices=TargetLevel.choices, default=TargetLevel.AFFILIATE)
    function = models.CharField(
        _("function met"), max_length=16, choices=TargetFunction.choices, default=TargetFunction.INNOVATION
    )
    partnership_sought = models.JSONField(_("partnership sought"), default=list, blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    pharma = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.PHARMA},
        verbose_name=_("pharma company on the platform"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # A target the startup no longer pursues: kept with its assessments and dossiers, out of the main list.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        verbose_name = _("target company")
        verbose_name_plural = _("target companies")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display()})"

    @property
    def meeting_held(self) -> bool:
        """The meeting date has passed: the meeting is history, no longer to prepare."""
        from django.utils import timezone

        return self.meeting_date is not None and self.meeting_date < timezone.localdate()

    def facts(self) -> dict:
        facts = {"target_level": self.level, "target_function": self.function}
        if self.partnership_sought:
            facts["partnership_sought"] = list(self.partnership_sought)
        return facts


class Assessment(models.Model):
    """A self-assessment for one target meeting, against one framework version."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assessments")
    target = models.ForeignKey(TargetCompany, on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.target}"


class Answer(models.Model):
    """One answer. `revision` grows on each save so a stale form is detected, not silently applied."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    note = models.TextField(_("note"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="answer_unique_item"),
            models.CheckConstraint(condition=models.Q(level__lte=3), name="answer_level_in_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.level}"

    @property
    def value(self):
        """The engine's view of this answer."""
        from scoring import NOT_APPLICABLE

        return NOT_APPLICABLE if self.not_applicable else self.level


class AssessmentSnapshot(models.Model):
    """A dated, frozen copy of an assessment and its scores, made on each submission."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="snapshots")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    facts = models.JSONField(default=dict)
    profile = models.JSONField(default=dict)  # the startup profile as it was, for dossiers and reports
    target = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)  # item code → {"level", "na", "note", "evidence_url"}
    overall_score = models.FloatField(null=True)
    band = models.CharField(max_length=16, blank=True)
    step_scores = models.JSONField(default=dict)  # step number → score or None
    phase_scores = models.JSONField(default=dict)
    # The whole scoring result (scoring.result_as_data), computed once at submission: a snapshot never changes.
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("assessment snapshot")
        verbose_name_plural = _("assessment snapshots")
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.assessment} @ {self.created_at:%Y-%m-%d %H:%M}"
