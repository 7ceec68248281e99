"""Reports rendered by a real Celery worker process on Redis, writing to PostgreSQL (not eager).

Run with PostgreSQL and Redis, e.g.:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/reports CELERY_TEST_BROKER_URL=redis://127.0.0.1:6379/13 \
CELERY_RESULT_BACKEND=redis://127.0.0.1:6379/12 .venv/bin/python -m pytest tests/partnerships/test_reports_worker.py
"""

import os
import signal
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Report
from tests.waiting import wait_until

from .reports_helpers import pdf_text, startup_with_snapshot

pytestmark = pytest.mark.integration


@pytest.fixture
def worker(framework, worker_process):
    """The fixture order matters: MEDIA_ROOT is set before the worker starts (it inherits it)."""
    return worker_process


@pytest.fixture(autouse=True)
def _media(media):
    """Every test here stores report files: under its own directory (conftest's `media`)."""
    return media


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def _dead(pid: int) -> bool:
    """The process is gone or a zombie: it runs no more code (a SIGKILL is delivered asynchronously)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _finished(report_id: int) -> str | None:
    """The report's final status once the worker is done with it (ready or failed), else None."""
    status = _status(report_id)
    return status if status in (Report.Status.READY, Report.Status.FAILED) else None


def _status(report_id: int) -> str:
    return Report.objects.values_list("status", flat=True).get(pk=report_id)


def test_worker_renders_the_report_from_the_web_request_to_the_download(client, worker):
    user, snapshot = startup_with_snapshot("CardioSense")
    client.force_login(user)

    started = time.monotonic()
    response = client.post(reverse("report_request", args=[snapshot.uuid]), {"language": "en"})
    answered_in = time.monotonic() - started

    report = Report.objects.get(snapshot=snapshot)
    assert response.status_code == 302 and response.url == reverse("report_detail", args=[report.uuid])
    assert answered_in < 1.0  # the request only enqueues
    status_url = reverse("report_status", args=[report.uuid])
    download_url = reverse("report_download", args=[report.uuid])
    results_url = reverse("assessment_results", args=[snapshot.assessment.pk])
    for _ in range(2):  # the results page showing the report queued is kept in the cache (web and worker share it)
        client.get(results_url)
    wait_until(
        lambda: download_url in client.get(status_url).content.decode(),
        timeout=60,
        interval=0.2,
        message="the status fragment to offer the download",
    )
    download = client.get(download_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(download.streaming_content))
    assert "CardioSense" in text and "Laboratoires Exemple" in text
    report.refresh_from_db()
    assert report.status == Report.Status.READY and report.attempts == 1
    assert download_url in client.get(results_url).content.decode()


def test_a_render_process_killed_mid_render_is_retried_never_left_rendering(client, worker):
    """SIGKILL the pool process doing the render: the late-acked job is redelivered and finishes."""
    user, snapshot = startup_with_snapshot("CardioSense")
    client.force_login(user)
    client.post(reverse("report_request", args=[snapshot.uuid]), {"language": "fr"})
    report = Report.objects.get(snapshot=snapshot)

    wait_until(lambda: _status(report.pk) == Report.Status.RENDERING, message="the worker to start rendering")
    children = _children(worker.pid)
    assert children, "the worker has no pool process"
    for child in children:
        os.kill(child, signal.SIGKILL)

    final = wait_until(lambda: _finished(report.pk), timeout=60, message="the report to be ready or failed")
    report.refresh_from_db()
    assert final == Report.Status.READY, report.error
    assert report.attempts == 2  # the killed attempt, then the retry
    with report.file.open("rb") as handle:
        assert "CardioSense" in pdf_text(handle.read())
    files = list((Path(report.file.storage.location) / "reports" / report.uuid.hex).iterdir())
    assert [f.name for f in files] == [Path(report.file.name).name]  # nothing half-written left beside it


def test_a_whole_worker_killed_mid_render_leaves_a_report_the_stale_sweep_fails(client, worker):
    """SIGKILL the worker and its pool (a machine lost): no process is left to requeue the job.

    The report is never served half-made, and the periodic sweep marks it failed with a message."""
    user, snapshot = startup_with_snapshot("CardioSense")
    client.force_login(user)
    client.post(reverse("report_request", args=[snapshot.uuid]), {"language": "en"})
    report = Report.objects.get(snapshot=snapshot)

    wait_until(lambda: _status(report.pk) == Report.Status.RENDERING, message="the worker to start rendering")
    children = _children(worker.pid)
    os.kill(worker.pid, signal.SIGKILL)
    for child in children:
        os.kill(child, signal.SIGKILL)
    worker.wait(timeout=10)
    wait_until(lambda: all(_dead(child) for child in children), message="the pool processes to die")

    assert _status(report.pk) == Report.Status.RENDERING
    assert client.get(reverse("report_download", args=[report.uuid])).status_code == 404
    call_command("fail_stale_reports", "--older-than", "0")

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and "worker stopped" in report.error
    page = client.get(reverse("report_status", args=[report.uuid])).content.decode()
    assert "hx-trigger" not in page  # polling stops: the user sees the failure and can ask again


@pytest.fixture
def flaky_storage_for_the_worker(monkeypatch):
    """Requested before `worker`: the worker's object storage is unreachable for its first two writes."""
    monkeypatch.setenv("DJANGO_DEFAULT_STORAGE", "tests.partnerships.reports_helpers.FlakyObjectStorage")
    monkeypatch.setenv("FLAKY_STORAGE_FAILURES", "2")


def test_the_worker_retries_a_storage_outage_with_backoff_and_the_report_ends_ready(
    flaky_storage_for_the_worker, client, worker
):
    user, snapshot = startup_with_snapshot("CardioSense")
    client.force_login(user)
    client.post(reverse("report_request", args=[snapshot.uuid]), {"language": "en"})
    report = Report.objects.get(snapshot=snapshot)

    final = wait_until(lambda: _finished(report.pk), timeout=60, message="the report to be ready or failed")

    report.refresh_from_db()
    assert final == Report.Status.READY, report.error
    assert report.attempts == 3  # two failed writes, then the retry that worked
    with report.file.open("rb") as handle:
        assert "CardioSense" in pdf_text(handle.read())
