"""Celery tasks: thin wrappers that take primitive ids and call one service."""

import logging

from celery import shared_task
from celery.signals import worker_process_init

from .services.reports import STYLESHEETS, TRANSIENT_ERRORS, report_render, reports_fail_stale

logger = logging.getLogger(__name__)

RENDER_MAX_RETRIES = 3


@shared_task(
    name="partnerships.render_report",
    bind=True,
    # acks_late, reject_on_worker_lost and the time limits are set once for every task in settings (CELERY_TASK_*):
    # a worker killed mid-render leaves the message in the queue and it is redelivered; `Report.attempts` bounds
    # the redeliveries.
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=RENDER_MAX_RETRIES,
)
def render_report(self, report_id: int) -> None:
    # Run eagerly (embedded mode) there is no queue to retry from, and a web request must not sleep through
    # backoffs: every attempt is the final one, a transient error fails the report with its message at once.
    final = self.request.is_eager or self.request.retries >= RENDER_MAX_RETRIES
    report_render(report_id=report_id, final_attempt=final)


@shared_task(name="partnerships.fail_stale_reports")
def fail_stale_reports() -> int:
    """Run by celery beat (settings.CELERY_BEAT_SCHEDULE)."""
    return reports_fail_stale()


@worker_process_init.connect
def warm_up_pdf_renderer(**kwargs) -> None:
    """Each worker process loads WeasyPrint and the fonts when it starts, not during a user's first report."""
    from .pdf import warm_up

    try:
        warm_up(STYLESHEETS)
    except Exception:  # noqa: BLE001 - a failed warm-up only costs time; the render will report real errors
        logger.exception("PDF renderer warm-up failed")
