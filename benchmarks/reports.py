"""PDF report benchmark: render time of a full report, and throughput of N reports with 1 and 2 workers.

Runs on PostgreSQL and Redis (the production shape), with real `celery worker` processes:

    bin/bench reports                      # or: .venv/bin/python benchmarks/reports.py --reports 24
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/reports_bench \
    BENCH_BROKER_URL=redis://127.0.0.1:6379/13 bin/bench reports

Targets (issue 4): a full report renders in under 1.5 s; 2 workers give at least 1.7x the throughput of 1.
Targets (issue 15), printed with ✔ or ✘: the warm render takes at most half the CPU time of the render before
issue 15, on the same HTML, each renderer in a process of its own (`benchmarks/_render.py` says what each is),
rounds alternating; a ready report downloads in at most 50 ms (test client, permission check and file included).
The same HTML printed by a warm headless Chromium (Playwright) is timed for comparison.
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
from benchmarks._render import BASELINE_COMMIT, pdf_pages  # noqa: E402

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
        "pages": pdf_pages(pdf),
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


RENDER_TARGET = 0.5  # warm render, as a share of the baseline's
DOWNLOAD_TARGET_MS = 50
RENDERERS = ("before", "current", "before-harfbuzz")  # benchmarks/_render.py


def _report_html(snapshot, language: str = "fr") -> str:
    from partnerships.services.reports import report_html

    return report_html(Report(snapshot=snapshot, language=language))[0]


def measure_side_by_side(snapshot, repeats: int, rounds: int = 3) -> dict:
    """Warm renders of the same HTML by each renderer, each in a process of its own as a worker would be
    (the collector's settings and what a process keeps are part of a render's cost), rounds alternating the
    renderers; the medians over rounds of each process's median wall and CPU time."""
    import json

    with tempfile.NamedTemporaryFile("w", suffix=".html") as html_file:
        html_file.write(_report_html(snapshot))
        html_file.flush()
        runs: dict[str, list[dict]] = {name: [] for name in RENDERERS}
        for _ in range(rounds):
            for name in RENDERERS:
                output = subprocess.run(
                    [sys.executable, str(ROOT / "benchmarks" / "_render.py"), name, html_file.name, str(repeats)],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                result = json.loads(output.stdout.strip().splitlines()[-1])
                if result is not None:
                    runs[name].append(result)
    return {
        name: {
            "wall": statistics.median(r["wall"] for r in results),
            "cpu": statistics.median(r["cpu"] for r in results),
            "pages": results[0]["pages"],
        }
        for name, results in runs.items()
        if results
    }


def measure_chromium(snapshot, repeats: int) -> dict | None:
    """The same HTML and stylesheet printed to PDF by a warm headless Chromium (one page reused)."""
    from django.contrib.staticfiles import finders

    from partnerships.services.reports import STYLESHEETS

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    stylesheet = Path(finders.find(STYLESHEETS[0]))
    css = stylesheet.read_text().replace("url(../fonts/", f"url({stylesheet.parent.parent.as_uri()}/fonts/")
    html = _report_html(snapshot).replace("</head>", f"<style>{css}</style></head>", 1)
    with tempfile.TemporaryDirectory() as directory:
        page_file = Path(directory) / "report.html"
        page_file.write_text(html)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.goto(page_file.as_uri())
            pdf = page.pdf(format="A4", prefer_css_page_size=True)  # warm-up
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                page.goto(page_file.as_uri())
                page.pdf(format="A4", prefer_css_page_size=True)
                times.append(time.perf_counter() - started)
            browser.close()
    return {"wall": statistics.median(times), "pages": pdf_pages(pdf)}


def measure_download(snapshot, repeats: int) -> dict:
    """A ready report downloaded through the view: session, user, permission check, file streamed."""
    from django.test import Client

    report = Report.objects.create(snapshot=snapshot, language="fr")
    report_render(report_id=report.pk)
    report.refresh_from_db()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email="bench-member@example.com"))
    url = f"/reports/{report.uuid}/download/"
    times = []
    for index in range(repeats + 5):
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content)
        if index >= 5:  # the first ones warm the process
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200 or not body.startswith(b"%PDF"):
            raise RuntimeError(f"download answered {response.status_code}")
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))], "bytes": len(body)}


def _verdict(ok: bool) -> str:
    return "✔" if ok else "✘"


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
    side = measure_side_by_side(snapshot, max(3, args.repeats // 2), args.rounds)
    current = side["current"]
    print(
        f"warm render, current (as a worker renders): {current['wall']:.2f} s ({current['cpu']:.2f} s CPU), "
        f"{current['pages']} pages"
    )
    for name, label in (
        (
            "before",
            f"before issue 15 ({BASELINE_COMMIT}'s stylesheet, system fonts, default collector, fonts subset by "
            "fontTools as then)",
        ),
        ("before-harfbuzz", "the same on today's libraries (HarfBuzz subsetting)"),
    ):
        if name in side:
            before = side[name]
            wall_ratio, cpu_ratio = current["wall"] / before["wall"], current["cpu"] / before["cpu"]
            verdict = f" (target <= {RENDER_TARGET}) {_verdict(cpu_ratio <= RENDER_TARGET)}" if name == "before" else ""
            print(
                f"warm render, {label}: {before['wall']:.2f} s ({before['cpu']:.2f} s CPU), {before['pages']} pages; "
                f"current / this: {wall_ratio:.2f} wall, {cpu_ratio:.2f} CPU{verdict}"
            )
    chromium = measure_chromium(snapshot, args.repeats)
    if chromium:
        print(f"the same HTML printed by a warm headless Chromium: {chromium['wall']:.2f} s, {chromium['pages']} pages")
    download = measure_download(snapshot, 50)
    print(
        f"ready report download ({download['bytes'] / 1024:.0f} KiB): median {download['median_ms']:.1f} ms, "
        f"p95 {download['p95_ms']:.1f} ms (target <= {DOWNLOAD_TARGET_MS} ms) "
        f"{_verdict(download['p95_ms'] <= DOWNLOAD_TARGET_MS)}"
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
