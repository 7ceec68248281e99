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
    acks_late=True,  # a worker killed mid-render leaves the message in the queue ...
    reject_on_worker_lost=True,  # ... and it is redelivered; `Report.attempts` bounds the redeliveries
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=RENDER_MAX_RETRIES,
    soft_time_limit=60,
    time_limit=90,
)
def render_report(self, report_id: int) -> None:
    # Run eagerly (embedded mode) there is no queue to retry from, and a web request must not sleep through
    # backoffs: every attempt is the final one, a transient error fails the report with its message at once.
    final = self.request.is_eager or self.request.retries >= RENDER_MAX_RETRIES
    report_render(report_id=report_id, final_attempt=final)


@shared_task(name="partnerships.fail_stale_reports", acks_late=True, time_limit=120)
def fail_stale_reports() -> int:
    """Run by celery beat (settings.CELERY_BEAT_SCHEDULE)."""
    return reports_fail_stale()


@shared_task(name="partnerships.send_action_reminders", acks_late=True, time_limit=300)
def send_action_reminders() -> int:
    """Run daily by celery beat (config/celery_app.py): owners of actions due within a week get an e-mail."""
    from .services.plans import actions_remind

    return actions_remind()


@shared_task(name="partnerships.refresh_peer_aggregates", acks_late=True, time_limit=600)
def refresh_peer_aggregates() -> int:
    """Run nightly by celery beat (config/celery_app.py): recompute the peer benchmark's aggregates."""
    from .services.benchmark import peer_aggregates_refresh

    return peer_aggregates_refresh()


@worker_process_init.connect
def warm_up_pdf_renderer(**kwargs) -> None:
    """Each worker process loads WeasyPrint and the fonts when it starts, not during a user's first report."""
    from .pdf import warm_up

    try:
        warm_up(STYLESHEETS)
    except Exception:  # noqa: BLE001 - a failed warm-up only costs time; the render will report real errors
        logger.exception("PDF renderer warm-up failed")
