"""PDF pitch-prep reports, rendered by Celery workers."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .assessments import AssessmentSnapshot


def report_upload_to(report: "Report", filename: str) -> str:
    # Unguessable path: the file is only ever served through a permission check anyway.
    return f"reports/{report.uuid.hex}/{filename}"


class RenderedPdf(models.Model):
    """What a PDF rendered by a worker keeps, whatever the document (the pitch-prep report, the partnership
    review): who asked, in which language, where the rendering stands and why it failed. Its file is the
    subclass's, under its own folder."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("report status", "Queued")
        RENDERING = "rendering", pgettext_lazy("report status", "Rendering")
        READY = "ready", pgettext_lazy("report status", "Ready")
        FAILED = "failed", pgettext_lazy("report status", "Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=5, default="fr")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)


class Report(RenderedPdf):
    snapshot = models.ForeignKey(AssessmentSnapshot, on_delete=models.CASCADE, related_name="reports")
    file = models.FileField(_("file"), upload_to=report_upload_to, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Stamped every few seconds by the worker while it renders: a stale heartbeat means the worker died.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "started_at"])]

    def __str__(self) -> str:
        return f"{self.snapshot} [{self.language}] {self.status}"

    @property
    def waiting_for_a_worker(self) -> bool:
        """Still queued long after it was asked for: no worker is taking jobs (read at each look, never stored)."""
        patience = timedelta(seconds=settings.REPORTS_QUEUE_PATIENCE)
        return self.status == self.Status.QUEUED and timezone.now() - self.created_at > patience
