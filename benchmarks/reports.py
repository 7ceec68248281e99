"""PDF report benchmark: render time of a full report, and throughput of N reports with 1 and 2 workers.

Runs on PostgreSQL and Redis (the production shape), with real `celery worker` processes:

    bin/bench reports                      # or: .venv/bin/python benchmarks/reports.py --reports 24
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/reports_bench \
    BENCH_BROKER_URL=redis://127.0.0.1:6379/13 bin/bench reports

Targets (issue 4): a full report renders in under 1.5 s; 2 workers give at least 1.7x the throughput of 1.
The database named in BENCH_DATABASE_URL is created if missing and its report rows are replaced.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/reports_bench")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13")
MEDIA_ROOT = os.environ.get("BENCH_MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-reports-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DATABASE_URL=DATABASE_URL,
    CELERY_BROKER_URL=BROKER_URL,
    CELERY_RESULT_BACKEND="",
    DJANGO_MEDIA_ROOT=MEDIA_ROOT,
    AXES_ENABLED="false",
)


from benchmarks._database import create_database  # noqa: E402

create_database(DATABASE_URL)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from config.celery_app import app  # noqa: E402
from partnerships.models import Organisation, Report, User  # noqa: E402
from partnerships.services.reports import report_pdf, report_render  # noqa: E402
from partnerships.tasks import render_report  # noqa: E402


def _snapshot():
    """A startup with a complete assessment: every criterion answered, varied levels."""
    from checklists.services import framework_load
    from tests.factories import (
        AssessmentFactory,
        MembershipFactory,
        StartupFactory,
        TargetCompanyFactory,
        answered_snapshot,
    )

    framework_load()
    Report.objects.all().delete()
    Organisation.objects.filter(name="Bench CardioSense").delete()
    User.objects.filter(email="bench-member@example.com").delete()
    organisation = StartupFactory(name="Bench CardioSense")
    member = MembershipFactory(organisation=organisation, user__email="bench-member@example.com")
    target = TargetCompanyFactory(organisation=organisation, name="Laboratoires Exemple", level="head_office")
    levels = {"S1-C1": 3, "S1-C3": 1, "S2-C7": 0, "S3-C4": 1, "S8-C3": 1, "S10-C5": 1}
    return answered_snapshot(
        assessment=AssessmentFactory(organisation=organisation, target=target),
        levels=levels,
        user=member.user,
        is_medical_device=True,
        processes_health_data=True,
        has_ai=True,
    )


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure_render(snapshot, repeats: int) -> dict:
    """In this process: the first render (fonts and WeasyPrint loaded), then warm renders."""
    report = Report.objects.create(snapshot=snapshot, language="fr")
    started = time.perf_counter()
    pdf, _ = report_pdf(report)
    cold = time.perf_counter() - started
    renders, full = [], []
    for index in range(repeats):
        report.language = ("fr", "en")[index % 2]
        started = time.perf_counter()
        report_pdf(report)
        renders.append(time.perf_counter() - started)
    for _ in range(max(3, repeats // 2)):
        # The whole service: claim, read, render, store the file, mark ready.
        job = Report.objects.create(snapshot=snapshot, language="fr")
        started = time.perf_counter()
        report_render(report_id=job.pk)
        full.append(time.perf_counter() - started)
    return {
        "pages": _pages(pdf),
        "bytes": len(pdf),
        "cold_s": cold,
        "render_median_s": statistics.median(renders),
        "render_max_s": max(renders),
        "service_median_s": statistics.median(full),
    }


def _start_workers(count: int) -> list[subprocess.Popen]:
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config.celery_app",
                "worker",
                "--concurrency=1",
                "--pool=prefork",
                "--loglevel=ERROR",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"bench{index}@%h",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for index in range(count)
    ]
    deadline = time.monotonic() + 60
    while len(app.control.ping(timeout=0.5) or []) < count:
        if time.monotonic() > deadline:
            raise RuntimeError("workers did not start")
    return workers


def _run_batch(snapshot, count: int) -> float:
    reports = [Report.objects.create(snapshot=snapshot, language=("fr", "en")[i % 2]) for i in range(count)]
    ids = [report.pk for report in reports]
    started = time.perf_counter()
    for pk in ids:
        render_report.delay(pk)
    while Report.objects.filter(pk__in=ids, status__in=[Report.Status.QUEUED, Report.Status.RENDERING]).exists():
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    failed = Report.objects.filter(pk__in=ids).exclude(status=Report.Status.READY).count()
    if failed:
        raise RuntimeError(f"{failed} report(s) failed")
    # Time each report spent in its worker (claimed → ready): it grows when the workers lack CPU.
    spans = [(r.finished_at - r.started_at).total_seconds() for r in Report.objects.filter(pk__in=ids)]
    return elapsed, statistics.median(spans)


def measure_throughput(snapshot, workers: int, reports: int) -> dict:
    processes = _start_workers(workers)
    try:
        _run_batch(snapshot, 2 * workers)  # warm-up: every worker has loaded WeasyPrint and its fonts
        elapsed, in_worker = _run_batch(snapshot, reports)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    return {
        "workers": workers,
        "reports": reports,
        "seconds": elapsed,
        "per_second": reports / elapsed,
        "in_worker_s": in_worker,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=24, help="reports per throughput batch (default 24)")
    parser.add_argument("--repeats", type=int, default=10, help="warm renders timed in-process (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds per worker count (default 3)")
    parser.add_argument("--no-workers", action="store_true", help="render time only")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    app.conf.update(task_always_eager=False, broker_url=BROKER_URL)
    app.connection_for_write().default_channel.client.flushdb()
    snapshot = _snapshot()

    render = measure_render(snapshot, args.repeats)
    print(f"machine: {os.cpu_count()} CPU(s); load average {os.getloadavg()[0]:.2f}")
    print(
        f"render: {render['pages']} pages, {render['bytes'] / 1024:.0f} KiB; first render {render['cold_s']:.2f} s; "
        f"warm median {render['render_median_s']:.2f} s (max {render['render_max_s']:.2f} s); "
        f"service (render + store + status) median {render['service_median_s']:.2f} s"
    )
    if args.no_workers:
        return
    # Rounds alternate 1 and 2 workers, so that load from other processes on the machine hits both alike.
    results: dict[int, list[dict]] = {1: [], 2: []}
    for round_number in range(1, args.rounds + 1):
        for workers in (1, 2):
            load = os.getloadavg()[0]
            result = measure_throughput(snapshot, workers, args.reports)
            results[workers].append(result)
            print(
                f"round {round_number}, {workers} worker(s): {result['reports']} reports in {result['seconds']:.2f} s"
                f" = {result['per_second']:.2f} reports/s; median {result['in_worker_s']:.2f} s in a worker per report"
                f" (load average before: {load:.2f})"
            )
    best = {workers: max(r["per_second"] for r in runs) for workers, runs in results.items()}
    median = {workers: statistics.median(r["per_second"] for r in runs) for workers, runs in results.items()}
    print(
        f"throughput, best of {args.rounds}: 1 worker {best[1]:.2f}/s, 2 workers {best[2]:.2f}/s, "
        f"speed-up {best[2] / best[1]:.2f}x; median: {median[1]:.2f}/s, {median[2]:.2f}/s, "
        f"speed-up {median[2] / median[1]:.2f}x (target >= 1.7x)"
    )


if __name__ == "__main__":
    main()
