"""Pharma reviewers score a dossier's startup on the guide's ten steps, and the team decides what the startup sees."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossiers import Dossier


class DossierReview(models.Model):
    """One reviewer's assessment of the startup on the same items and scale as its self-assessment."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("reviewer")
    )
    # Kept so the scores keep a name when the reviewer's account is deleted.
    reviewer_name = models.CharField(_("reviewer"), max_length=200)
    answers = models.JSONField(default=dict, blank=True)  # item code → level 0..3 or "na"
    comments = models.JSONField(default=dict, blank=True)  # step number → the reviewer's comment on that step
    step_scores = models.JSONField(default=dict, blank=True)  # step number → score, or None when not reviewed
    overall_score = models.FloatField(_("score"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reviewer's assessment")
        verbose_name_plural = _("reviewers' assessments")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["dossier", "reviewer"], name="review_one_per_reviewer")]

    def __str__(self) -> str:
        return f"{self.reviewer_name} · {self.dossier}"


class DossierTeamReview(models.Model):
    """The team's consolidated scores, kept on every save so the inbox sorts and filters without computing,
    and the team's choice to share them with the startup (off until the team says so)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="team_review")
    reviewer_count = models.PositiveSmallIntegerField(default=0)
    team_score = models.FloatField(_("team score"), null=True, blank=True)
    divergence = models.FloatField(_("divergence"), null=True, blank=True)  # startup's own − team: > 0 over-estimates
    is_shared = models.BooleanField(_("shared with the startup"), default=False)
    names_shared = models.BooleanField(_("reviewers' names shared"), default=False)
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("team review")
        verbose_name_plural = _("team reviews")
        indexes = [models.Index(fields=["team_score"]), models.Index(fields=["divergence"])]

    def __str__(self) -> str:
        return str(self.dossier)
