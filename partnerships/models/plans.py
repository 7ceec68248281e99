"""The action plan a startup builds from its results: the gaps it will close, by whom, by when, to which level."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .assessments import Assessment, AssessmentSnapshot


class Action(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", pgettext_lazy("action status", "To do")
        IN_PROGRESS = "in_progress", pgettext_lazy("action status", "In progress")
        DONE = "done", pgettext_lazy("action status", "Done")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    # A gap's item (its code in the assessment's guide version), or blank for a free action tied to a step.
    item_code = models.CharField(_("item"), max_length=40, blank=True)
    step_number = models.PositiveSmallIntegerField(pgettext_lazy("guide step", "step"))
    title = models.CharField(_("action"), max_length=300, blank=True)  # a free action's words; a gap shows its item
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    target_level = models.PositiveSmallIntegerField(_("target level"), null=True, blank=True)
    status = models.CharField(
        pgettext_lazy("action", "status"), max_length=12, choices=Status.choices, default=Status.TODO
    )
    # Set by the first snapshot whose answer for the item reaches the target level.
    achieved_at = models.DateTimeField(_("achieved on"), null=True, blank=True)
    achieved_snapshot = models.ForeignKey(
        AssessmentSnapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_for = models.DateField(null=True, blank=True)  # the due date the last reminder was sent for
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["step_number", "due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item_code"], condition=~models.Q(item_code=""), name="action_one_per_gap"
            ),
            models.CheckConstraint(
                condition=models.Q(target_level__isnull=True) | models.Q(target_level__gte=1, target_level__lte=3),
                name="action_target_level_in_scale",
            ),
        ]
        indexes = [models.Index(fields=["due_date", "status"])]

    def __str__(self) -> str:
        return self.title or self.item_code

    @property
    def is_free(self) -> bool:
        return not self.item_code

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.DONE or self.achieved_at is not None

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return not self.is_closed and self.due_date is not None and self.due_date < today
