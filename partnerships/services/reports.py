"""Writes on PDF reports: request one, render it (in a Celery worker), fail the ones whose worker died.

Life of a report: queued → rendering → ready | failed. Only a ready report has a file, and its file
name is recorded only once the whole PDF is stored, so a half-written file is never served.
"""

import logging
import threading
from contextlib import contextmanager
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import AssessmentSnapshot, Report, User
from ..models.reports import report_upload_to
from ..pdf import html_to_pdf
from ..selectors.reports import (
    report_document,
    report_heartbeat_stale,
    report_in_progress,
    report_reusable,
    reports_stale,
)
from ..services_broker import broker_available
from .audit import audit_record

logger = logging.getLogger(__name__)

TEMPLATE = "partnerships/reports/pdf/report.html"
STYLESHEETS = ("css/report-print.css",)
# Errors worth retrying: the database or the storage went away for a moment. Anything else is permanent.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def _max_attempts() -> int:
    return getattr(settings, "REPORTS_MAX_ATTEMPTS", 5)


class ReportUnavailable(Exception):
    """The report cannot be requested now; the message says why, in the user's language."""


def report_request(
    *, snapshot: AssessmentSnapshot, user: User | None, language: str, regenerate: bool = False
) -> Report:
    """The report of `snapshot` in `language`: the finished one if there is one, else a new job.

    A report already queued or rendering is returned rather than started twice. When the broker is
    unreachable nothing is recorded and ReportUnavailable says so: a job is never silently lost.
    """
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}.")
    if not regenerate and (ready := report_reusable(snapshot=snapshot, language=language)):
        return ready
    if running := report_in_progress(snapshot=snapshot, language=language):
        if not report_heartbeat_stale(running, now=timezone.now()):
            return running
        # Its worker died mid-render (no heartbeat): say so on the old job and start a new one now, without
        # waiting for the periodic sweep.
        with translation.override(running.language):
            report_fail(
                report=running, message=_("The report was not finished in time (its worker stopped). Request it again.")
            )
    if not broker_available():
        raise ReportUnavailable(
            _(
                "Reports cannot be produced right now: the job queue is unreachable. "
                "Nothing was recorded; please try again in a few minutes."
            )
        )
    with transaction.atomic():
        report = Report(snapshot=snapshot, language=language, requested_by=user)
        report.full_clean()
        report.save()
        audit_record(
            organisation_id=snapshot.assessment.organisation_id,
            actor=user,
            action="report_requested",
            description=f"{snapshot.assessment.target.name} ({language})",
        )
        transaction.on_commit(partial(_enqueue, report.pk))
    return report


def _enqueue(report_id: int) -> None:
    from kombu.exceptions import OperationalError as BrokerError

    from ..tasks import render_report

    try:
        render_report.delay(report_id)
    except BrokerError as error:  # the broker went away between the check and the send
        logger.warning("Report %s not enqueued: %s", report_id, error)
        report = Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).first()
        if report is not None:
            with translation.override(report.language):
                report_fail(report=report, message=_("The job queue was unreachable. Request the report again."))


def report_fail(*, report: Report, message: str) -> Report:
    report.status = Report.Status.FAILED
    report.error = message[:2000]
    report.finished_at = timezone.now()
    report.save(update_fields=["status", "error", "finished_at"])
    return report


def _claim(report_id: int) -> Report | None:
    """Mark the report rendering, once per attempt; None when there is nothing (left) to do."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("snapshot").filter(pk=report_id).first()
        if report is None or report.status not in (Report.Status.QUEUED, Report.Status.RENDERING):
            return None  # deleted, already finished, or failed by `reports_fail_stale`
        report.attempts += 1
        if report.attempts > _max_attempts():
            # Redelivered again and again (a worker killed each time): stop, say so.
            with translation.override(report.language):
                report_fail(
                    report=report,
                    message=_("The report could not be produced after %(count)s attempts. Request it again later.")
                    % {"count": report.attempts - 1},
                )
            return None
        report.status = Report.Status.RENDERING
        report.started_at = report.heartbeat_at = timezone.now()
        report.save(update_fields=["attempts", "status", "started_at", "heartbeat_at"])
    return report


@contextmanager
def _heartbeat(report_id: int):
    """Stamp the report every REPORTS_HEARTBEAT_SECONDS while the block runs (a render, a write).

    From a thread, so that a long WeasyPrint call keeps beating; if the whole worker dies the stamps stop and
    `reports_fail_stale` (or "Render it again") sees it within REPORTS_HEARTBEAT_STALE seconds."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.REPORTS_HEARTBEAT_SECONDS):
                Report.objects.filter(pk=report_id, status=Report.Status.RENDERING).update(heartbeat_at=timezone.now())
        except Exception:  # noqa: BLE001 - a missed beat only risks an early "stale"; the render goes on
            logger.warning("Heartbeat of report %s stopped", report_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"report-{report_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def _store(report: Report, pdf: bytes, startup_name: str) -> str:
    folder = report_upload_to(report, "")
    # An earlier attempt killed while writing may have left a partial file: it was never served
    # (no report pointed at it), remove it now.
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        files = []
    for leftover in files:
        default_storage.delete(folder + leftover)
    filename = f"{slugify(startup_name) or 'report'}-{report.language}.pdf"
    return default_storage.save(report_upload_to(report, filename), ContentFile(pdf))


def report_html(report: Report) -> tuple[str, str]:
    """The HTML of `report` in its language (what WeasyPrint renders), and the startup's name."""
    with translation.override(report.language):
        document = report_document(report)
        return render_to_string(TEMPLATE, {"doc": document}), document.startup_name


def report_pdf(report: Report) -> tuple[bytes, str]:
    """The PDF bytes of `report` in its language, and the startup's name."""
    html, startup_name = report_html(report)
    pdf = html_to_pdf(html, stylesheets=STYLESHEETS)
    if not pdf.startswith(b"%PDF"):
        raise ValueError("WeasyPrint did not return a PDF.")
    return pdf, startup_name


def report_render(*, report_id: int, final_attempt: bool = True) -> Report | None:
    """Render and store the report. Transient errors are raised for the task to retry, unless this
    is the final attempt; every other error marks the report failed with a message."""
    report = _claim(report_id)
    if report is None:
        return None
    try:
        with _heartbeat(report.pk):
            pdf, startup_name = report_pdf(report)
            name = _store(report, pdf, startup_name)
    except SoftTimeLimitExceeded:
        with translation.override(report.language):
            return report_fail(report=report, message=_("Rendering took too long and was stopped."))
    except TRANSIENT_ERRORS as error:
        if final_attempt:
            logger.warning("Report %s failed for good: %r", report.pk, error)
            with translation.override(report.language):
                return report_fail(
                    report=report, message=_("A service was unavailable while rendering. Request the report again.")
                )
        report.status, report.error = Report.Status.QUEUED, repr(error)[:500]
        report.save(update_fields=["status", "error"])
        raise
    except Exception as error:  # noqa: BLE001 - anything else is permanent: say it, do not retry
        logger.exception("Report %s failed", report.pk)
        with translation.override(report.language):
            return report_fail(
                report=report,
                message=_("The report could not be produced: %(error)s") % {"error": str(error)[:300] or repr(error)},
            )
    report.file.name = name
    report.status = Report.Status.READY
    report.error = ""
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "status", "error", "finished_at"])
    return report


def reports_fail_stale(*, older_than_seconds: int | None = None) -> int:
    """Fail reports whose worker died: rendering with a heartbeat older than REPORTS_HEARTBEAT_STALE, or queued
    or rendering for longer than any worker may take.

    The second threshold defaults to settings.REPORTS_STALE_AFTER, well above the task's hard time limit.
    Returns how many were failed.
    """
    if older_than_seconds is None:
        older_than_seconds = settings.REPORTS_STALE_AFTER
    limits = {"older_than_seconds": older_than_seconds, "heartbeat_stale_seconds": settings.REPORTS_HEARTBEAT_STALE}
    count = 0
    for pk in reports_stale(now=timezone.now(), **limits).values_list("pk", flat=True):
        with transaction.atomic():
            # Checked again under the lock: a redelivered job may have picked it up meanwhile.
            stale = reports_stale(now=timezone.now(), **limits)
            report = stale.select_for_update().filter(pk=pk).first()
            if report is None:
                continue
            with translation.override(report.language):
                report_fail(
                    report=report,
                    message=_("The report was not finished in time (its worker stopped). Request it again."),
                )
            count += 1
    if count:
        logger.warning("Failed %s stale report(s).", count)
    return count
