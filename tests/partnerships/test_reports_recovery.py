"""A worker killed as a whole (main process and pool, a machine lost) mid-render: the report's heartbeat stops,
"Render it again" starts a new job at once instead of returning the stuck one, and another worker renders it.

Run with PostgreSQL and Redis (see test_reports_worker.py)."""

import datetime
import os
import signal
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Report
from tests.waiting import wait_until

from .reports_helpers import startup_with_snapshot
from .test_reports_worker import _finished, _status

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def slow_heartbeating_worker(monkeypatch, settings, media):
    """Requested before `worker`: uploads take 4 s and the heartbeat beats every 0.2 s; this process calls a
    heartbeat stale after 2 s (production: every 10 s, stale after 45 s)."""
    monkeypatch.setenv("DJANGO_DEFAULT_STORAGE", "tests.partnerships.reports_helpers.SlowObjectStorage")
    monkeypatch.setenv("SLOW_STORAGE_SECONDS", "4")
    monkeypatch.setenv("REPORTS_HEARTBEAT_SECONDS", "0.2")
    settings.REPORTS_HEARTBEAT_STALE = 2


def _heartbeat(report_id: int):
    return Report.objects.values_list("heartbeat_at", flat=True).get(pk=report_id)


def _group_running(group: int) -> bool:
    """Whether any process of the process group still runs (zombies run no more code)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _parent, process_group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended while we looked
        if int(process_group) == group and state not in ("Z", "X"):
            return True
    return False


def test_a_whole_worker_killed_mid_render_is_recovered_by_render_it_again(
    slow_heartbeating_worker, client, framework, settings, worker_process
):
    user, snapshot = startup_with_snapshot("CardioSense")
    client.force_login(user)
    request_url = reverse("report_request", args=[snapshot.uuid])
    client.post(request_url, {"language": "en"})
    stuck = Report.objects.get(snapshot=snapshot)

    wait_until(lambda: _status(stuck.pk) == Report.Status.RENDERING, message="the worker to start rendering")
    first = _heartbeat(stuck.pk)
    # The worker beats while it renders.
    wait_until(lambda: _heartbeat(stuck.pk) > first, timeout=10, message="a heartbeat after the first")

    os.killpg(worker_process.pid, signal.SIGKILL)  # the main process and its pool, at once
    worker_process.wait(timeout=10)
    wait_until(lambda: not _group_running(worker_process.pid), message="every process of the worker to die")
    assert _status(stuck.pk) == Report.Status.RENDERING  # nobody is left to beat, nor to finish or fail it
    # Time moves instead of the test waiting it out: the last heartbeat goes back past the staleness (2 s here),
    # as if the report had stayed silent that long.
    silent_since = timezone.now() - datetime.timedelta(seconds=settings.REPORTS_HEARTBEAT_STALE + 1)
    assert Report.objects.filter(pk=stuck.pk, heartbeat_at__gt=silent_since).update(heartbeat_at=silent_since) == 1

    response = client.post(request_url, {"language": "en", "regenerate": "on"})
    fresh = Report.objects.exclude(pk=stuck.pk).get(snapshot=snapshot)
    assert response.status_code == 302 and response.url == reverse("report_detail", args=[fresh.uuid])
    stuck.refresh_from_db()
    assert stuck.status == Report.Status.FAILED and "worker stopped" in stuck.error

    replacement = subprocess.Popen(worker_process.args, cwd=ROOT, env=worker_process.env)
    try:
        final = wait_until(lambda: _finished(fresh.pk), timeout=60, message="the new report to be ready or failed")
        fresh.refresh_from_db()
        assert final == Report.Status.READY, fresh.error
    finally:
        replacement.terminate()
        replacement.wait(timeout=20)
