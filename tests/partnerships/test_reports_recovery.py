"""A worker killed as a whole (main process and pool, a machine lost) mid-render: the report's heartbeat stops,
"Render it again" starts a new job at once instead of returning the stuck one, and another worker renders it.

Run with PostgreSQL and Redis (see test_reports_worker.py)."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.urls import reverse

from partnerships.models import Report

from .reports_helpers import startup_with_snapshot
from .test_reports_worker import _status, _wait_for

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def slow_heartbeating_worker(monkeypatch, settings, tmp_path):
    """Requested before `worker`: uploads take 4 s and the heartbeat beats every 0.2 s; this process calls a
    heartbeat stale after 2 s (production: every 10 s, stale after 45 s)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("DJANGO_DEFAULT_STORAGE", "tests.partnerships.reports_helpers.SlowObjectStorage")
    monkeypatch.setenv("SLOW_STORAGE_SECONDS", "4")
    monkeypatch.setenv("REPORTS_HEARTBEAT_SECONDS", "0.2")
    settings.REPORTS_HEARTBEAT_STALE = 2


def _heartbeat(report_id: int):
    return Report.objects.values_list("heartbeat_at", flat=True).get(pk=report_id)


def test_a_whole_worker_killed_mid_render_is_recovered_by_render_it_again(
    slow_heartbeating_worker, client, framework, worker_process
):
    user, snapshot = startup_with_snapshot("CardioSense")
    client.force_login(user)
    request_url = reverse("report_request", args=[snapshot.uuid])
    client.post(request_url, {"language": "en"})
    stuck = Report.objects.get(snapshot=snapshot)

    _wait_for(lambda: _status(stuck.pk) == Report.Status.RENDERING, timeout=30)
    first = _heartbeat(stuck.pk)
    _wait_for(lambda: _heartbeat(stuck.pk) > first, timeout=10)  # the worker beats while it renders

    os.killpg(worker_process.pid, signal.SIGKILL)  # the main process and its pool, at once
    worker_process.wait(timeout=10)
    last = _heartbeat(stuck.pk)
    time.sleep(2.5)  # longer than the heartbeat's staleness (2 s here)
    assert _status(stuck.pk) == Report.Status.RENDERING and _heartbeat(stuck.pk) == last  # nobody beats any more

    response = client.post(request_url, {"language": "en", "regenerate": "on"})
    fresh = Report.objects.exclude(pk=stuck.pk).get(snapshot=snapshot)
    assert response.status_code == 302 and response.url == reverse("report_detail", args=[fresh.uuid])
    stuck.refresh_from_db()
    assert stuck.status == Report.Status.FAILED and "worker stopped" in stuck.error

    replacement = subprocess.Popen(worker_process.args, cwd=ROOT, env=worker_process.env)
    try:
        final = _wait_for(
            lambda: _status(fresh.pk) in (Report.Status.READY, Report.Status.FAILED) and _status(fresh.pk)
        )
        fresh.refresh_from_db()
        assert final == Report.Status.READY, fresh.error
    finally:
        replacement.terminate()
        replacement.wait(timeout=20)
