"""A rendering report carries a heartbeat; once it stops (its worker died), the report is failed by the
30-second sweep and "Render it again" starts a new job at once, instead of waiting ten minutes or more.

The same, with a real worker killed as a whole: test_reports_recovery.py."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import Report
from partnerships.services.reports import report_request, reports_fail_stale

from .reports_helpers import startup_with_snapshot


@pytest.fixture
def cardiosense(framework, media):
    return startup_with_snapshot("CardioSense")


def _rendering(snapshot, *, silent_for: int) -> Report:
    """A report a worker took a minute ago, whose last heartbeat is `silent_for` seconds old."""
    now = timezone.now()
    return Report.objects.create(
        snapshot=snapshot,
        language="en",
        status=Report.Status.RENDERING,
        attempts=1,
        started_at=now - datetime.timedelta(seconds=60),
        heartbeat_at=now - datetime.timedelta(seconds=silent_for),
    )


def test_render_it_again_replaces_a_report_whose_worker_stopped_beating(
    cardiosense, settings, django_capture_on_commit_callbacks
):
    user, snapshot = cardiosense
    stuck = _rendering(snapshot, silent_for=settings.REPORTS_HEARTBEAT_STALE + 5)

    with django_capture_on_commit_callbacks(execute=True):
        fresh = report_request(snapshot=snapshot, user=user, language="en", regenerate=True)

    fresh.refresh_from_db()
    assert fresh != stuck and fresh.status == Report.Status.READY  # rendered at once (eager here)
    stuck.refresh_from_db()
    assert stuck.status == Report.Status.FAILED and "worker stopped" in stuck.error


def test_a_report_still_beating_is_returned_not_started_twice(cardiosense, settings):
    user, snapshot = cardiosense
    working = _rendering(snapshot, silent_for=1)
    assert report_request(snapshot=snapshot, user=user, language="en", regenerate=True) == working
    assert Report.objects.count() == 1


def test_the_sweep_fails_a_silent_report_long_before_the_ten_minute_threshold(cardiosense, settings):
    _, snapshot = cardiosense
    silent = _rendering(snapshot, silent_for=settings.REPORTS_HEARTBEAT_STALE + 5)
    beating = _rendering(snapshot, silent_for=1)

    assert reports_fail_stale() == 1

    silent.refresh_from_db()
    beating.refresh_from_db()
    assert silent.status == Report.Status.FAILED and "worker stopped" in silent.error
    assert beating.status == Report.Status.RENDERING


def test_a_dead_worker_is_noticed_within_two_minutes_by_configuration(settings):
    """From the worker's death: its last beat (≤ one interval before), staleness, then the next sweep."""
    [sweep] = [e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("stale_reports")]
    assert settings.REPORTS_HEARTBEAT_SECONDS + settings.REPORTS_HEARTBEAT_STALE + sweep < 120
    # The broker gives a dead worker's message back soon after the longest a task may run, not after an hour.
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_TASK_TIME_LIMIT < visibility <= 120
