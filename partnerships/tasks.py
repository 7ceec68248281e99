"""Celery tasks: thin wrappers that take primitive ids and call one service."""

import logging
import smtplib

from celery import shared_task
from celery.signals import worker_process_init
from django.core.mail import EmailMessage

from .services.login_history import login_history_purge
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


EMAIL_MAX_RETRIES = 5
# smtplib's errors are OSErrors too: these ones will not get better by waiting.
EMAIL_PERMANENT_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
)


# The default limits: no EMAIL_TIMEOUT is set, so an SMTP server hung for 60 s ends in SoftTimeLimitExceeded,
# logged below as not sent.
@shared_task(name="partnerships.send_email", bind=True, max_retries=EMAIL_MAX_RETRIES)
def send_email(self, *, subject: str, body: str, from_email: str, to: list[str]) -> bool:
    """Send one rendered e-mail. Transient failures (connection refused, timeout, 4xx) are retried with
    backoff (10 s, 20 s, 40 s, then 60 s: below the broker's visibility timeout); a failure is logged,
    never raised to the action that queued it. Returns whether the e-mail left."""
    try:
        EmailMessage(subject, body, from_email, to).send()
    except EMAIL_PERMANENT_ERRORS as error:
        logger.error("E-mail %r not sent (refused): %r", subject, error)
        return False
    except OSError as error:  # connection refused or reset, timeout, the server's 4xx answers
        if self.request.is_eager or self.request.retries >= EMAIL_MAX_RETRIES:
            # Embedded mode has no queue to retry from, and a request must not wait through backoffs.
            logger.error("E-mail %r not sent after %s attempt(s): %r", subject, self.request.retries + 1, error)
            return False
        logger.warning("E-mail %r not sent, retrying: %r", subject, error)
        raise self.retry(exc=error, countdown=min(60, 10 * 2**self.request.retries)) from error
    except Exception:  # noqa: BLE001 - a malformed message will not get better either: log it
        logger.exception("E-mail %r not sent", subject)
        return False
    return True


# Beat's batch jobs go over every row: more time than the default limits (60 s soft, 90 s hard), and both limits,
# since a task given only `time_limit` still gets the default soft one and is stopped at 60 s. A run past the
# broker's visibility timeout (CELERY_TASK_TIME_LIMIT + 30 s) may be handed to a second worker meanwhile.
@shared_task(name="partnerships.purge_login_history", soft_time_limit=270, time_limit=300)
def purge_login_history() -> int:
    """Run every day by celery beat: login history past LOGIN_HISTORY_RETENTION_DAYS is deleted."""
    return login_history_purge()


@shared_task(name="partnerships.send_action_reminders", soft_time_limit=270, time_limit=300)
def send_action_reminders() -> int:
    """Run daily by celery beat (config/celery_app.py): owners of actions due within a week get an e-mail."""
    from .services.plans import actions_remind

    return actions_remind()


@shared_task(name="partnerships.refresh_peer_aggregates", soft_time_limit=570, time_limit=600)
def refresh_peer_aggregates() -> int:
    """Run nightly by celery beat (config/celery_app.py): recompute the peer benchmark's aggregates."""
    from .services.benchmark import peer_aggregates_refresh

    return peer_aggregates_refresh()


@worker_process_init.connect
def warm_up_pdf_renderer(**kwargs) -> None:
    """Each worker process loads WeasyPrint and the fonts when it starts, not during a user's first report, then
    freezes what it loaded and collects garbage less often: a report allocates hundreds of thousands of objects."""
    from config.gc_tuning import tune_garbage_collector

    from .pdf import warm_up

    try:
        warm_up(STYLESHEETS)
    except Exception:  # noqa: BLE001 - a failed warm-up only costs time; the render will report real errors
        logger.exception("PDF renderer warm-up failed")
    tune_garbage_collector()


# After the first meeting: KPI alerts, meeting reminders and the partnership review PDF.


@shared_task(name="partnerships.check_kpi_alerts")
def check_kpi_alerts(kpi_id: int) -> int:
    """After a value is entered: open the alerts it calls for and notify both sides."""
    from .services.kpis import kpi_alerts_check

    return len(kpi_alerts_check(kpi_id=kpi_id))


@shared_task(name="partnerships.partnership_daily", soft_time_limit=270, time_limit=300)
def partnership_daily() -> dict:
    """Run hourly by beat: reminders the day before each meeting, and alerts for overdue KPI values."""
    from .services.kpis import kpi_alerts_check_all
    from .services.partnership import meeting_reminders_send

    return {"reminders": meeting_reminders_send(), "alerts": kpi_alerts_check_all()}


@shared_task(name="partnerships.render_partnership_review")
def render_partnership_review(review_id: int) -> None:
    from .services.partnership_reviews import partnership_review_render

    partnership_review_render(review_id=review_id)
