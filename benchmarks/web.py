"""Web benchmark: latency and throughput of the main pages under load, each as a ratio to a trivial view.

gunicorn (2 sync workers, production settings: DEBUG off, PostgreSQL, Redis cache) serves the large dataset
of `seed_large`; wrk, a separate process on loopback, loads one URL at a time with a logged-in session:

    bin/bench web                            # or: .venv/bin/python benchmarks/web.py --duration 10
    BENCH_WEB_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_large bin/bench web

The database is created, migrated and seeded (50 pharma companies, 5,000 startups, 20,000 dossiers) when it
has no benchmark accounts yet. The trivial view is /health/ (the whole middleware stack and one `SELECT 1`).
Every request renders its page (there is no whole-page cache). Targets (issue 15), as ratios of p95 under load
to the trivial view's p95 in the same run, printed with ✔ or ✘: every main page ≤ 6×, the smallest page with
the layout (/privacy/) ≤ 3×. The machine may be shared: compare ratios within one run, and repeat.
Needs wrk (`apt-get install wrk`).
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_WEB_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_large")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/10")
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "b" * 40,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "false",  # wrk speaks plain HTTP; X-Forwarded-Proto says https as a proxy would
    "DATABASE_URL": DATABASE_URL,
    "CACHE_URL": CACHE_URL,
    "CELERY_BROKER_URL": "",  # the trivial view then checks the database only
    "AXES_ENABLED": "false",
}
os.environ.update(DJANGO_SETTINGS_MODULE="config.settings", **PRODUCTION)
os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

# wrk sends the session cookie, and reports the percentiles the summary lacks (p95) on one parseable line.
WRK_SCRIPT = """
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
wrk.headers["X-Forwarded-Proto"] = "https"
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %.0f %.0f\\n", summary.requests, summary.duration, errors,
    latency:percentile(50), latency:percentile(95)))
end
"""


from benchmarks._database import create_database  # noqa: E402

create_database(DATABASE_URL)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from partnerships.management.commands.seed_large import BENCH_PHARMA_EMAIL, BENCH_STARTUP_EMAIL  # noqa: E402
from partnerships.models import Assessment, Dossier, TherapeuticArea, User  # noqa: E402

TRIVIAL = "trivial view (/health/)"
SMALLEST = "smallest page with the layout (/privacy/)"
# Targets (issue 15), as ratios of p95 under load to the trivial view's p95 in the same run.
SMALLEST_TARGET = 3
PAGE_TARGET = 6


def prepare_data() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0)
    if not User.objects.filter(email=BENCH_STARTUP_EMAIL).exists():
        started = time.perf_counter()
        call_command("seed_large")
        print(f"seeded in {time.perf_counter() - started:.0f} s")
    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG off serves the hashed files


def session_cookie(email: str) -> str:
    """The cookies of a browser logged in as `email` after its first page: session, language, CSRF secret."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    return f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}; django_language=fr"


def pages() -> list[tuple[str, str, str]]:
    """(label, path, cookie): the trivial view first, then the smallest page with the layout, then the main pages."""
    startup = session_cookie(BENCH_STARTUP_EMAIL)
    pharma = session_cookie(BENCH_PHARMA_EMAIL)
    assessment = Assessment.objects.get(organisation__memberships__user__email=BENCH_STARTUP_EMAIL)
    area = TherapeuticArea.objects.order_by("code").first().code
    received = Dossier.objects.filter(pharma__memberships__user__email=BENCH_PHARMA_EMAIL)
    busiest = received.annotate(events_count=Count("events")).order_by("-events_count", "pk").first()
    return [
        # No cookie: the session middleware would otherwise read the session and the user for it.
        (TRIVIAL, "/health/", ""),
        (SMALLEST, "/privacy/", startup),  # the floor of any page with the layout
        ("startup results", f"/startup/assessments/{assessment.pk}/results/", startup),
        ("assessment step 3", f"/startup/assessments/{assessment.pk}/steps/3/", startup),
        ("startup dashboard", "/startup/", startup),
        ("directory of pharma companies", "/directory/", startup),
        ("pharma dashboard", "/pharma/", pharma),
        ("pharma inbox, filtered", f"/pharma/inbox/?status=open&therapeutic_area={area}&sort=deadline", pharma),
        ("pharma inbox, search + page 2", "/pharma/inbox/?q=Startup+01&sort=score&page=2", pharma),
        ("pharma dossier (longest history)", f"/pharma/dossiers/{busiest.uuid}/", pharma),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,  # inherits os.environ, which holds PRODUCTION since start-up
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def check_page(base: str, path: str, cookie: str) -> int:
    """Fail loudly if a page is not the logged-in page (a redirect to the login would be measured as fast)."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        if response.status != 200 or response.url != base + path:
            raise SystemExit(f"{path}: {response.status} at {response.url}")
    return len(body)


def run_wrk(base: str, path: str, cookie: str, script: str, *, duration: int, connections: int) -> dict:
    result = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", script, base + path],
        env={**os.environ, "BENCH_COOKIE": cookie},
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
    requests, duration_us, errors, p50_us, p95_us = (int(float(value)) for value in line.split()[1:])
    if errors:
        raise SystemExit(f"{path}: {errors} errors under load\n{result.stdout}")
    return {"rps": requests / (duration_us / 1e6), "p50": p50_us / 1000, "p95": p95_us / 1000}


def measure(targets, script: str, *, args) -> tuple[dict, dict]:
    """Return each page's size and median p50 / p95 / requests per second; every request renders its page."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, args.workers)
    try:
        sizes = {}
        for label, path, cookie in targets:
            sizes[label] = check_page(base, path, cookie)
            run_wrk(base, path, cookie, script, duration=2, connections=args.connections)  # warm up
        runs = {label: [] for label, _, _ in targets}
        for _ in range(args.rounds):  # rounds interleave pages so that outside load hits all alike
            for label, path, cookie in targets:
                load = {"duration": args.duration, "connections": args.connections}
                runs[label].append(run_wrk(base, path, cookie, script, **load))
    finally:
        server.terminate()
        server.wait(timeout=30)
    medians = {
        label: {key: statistics.median(run[key] for run in runs[label]) for key in ("p50", "p95", "rps")}
        for label in runs
    }
    return sizes, medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page and round (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages; medians are reported")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--pages", help="only the pages whose label holds this word (the trivial view always runs)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    prepare_data()
    targets = [t for t in pages() if args.pages is None or t[0] == TRIVIAL or args.pages in t[0]]
    print(
        f"machine: {os.cpu_count()} CPU(s); gunicorn {args.workers} sync workers; wrk 1 thread, "
        f"{args.connections} connections, {args.duration} s per page, {args.rounds} rounds; "
        f"load average before: {os.getloadavg()[0]:.2f}"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        sizes, medians = measure(targets, script.name, args=args)
    trivial = medians[TRIVIAL]
    print(f"\nload average after: {os.getloadavg()[0]:.2f}\n")
    print("| page | KiB | median ms | p95 ms | requests/s | p95 ÷ trivial p95 | target |")
    print("|---|---|---|---|---|---|---|")
    for label, figures in medians.items():
        ratio = figures["p95"] / trivial["p95"]
        target = None if label == TRIVIAL else SMALLEST_TARGET if label == SMALLEST else PAGE_TARGET
        verdict = "" if target is None else f"≤ {target} {'✔' if ratio <= target else '✘'}"
        print(
            f"| {label} | {sizes[label] / 1024:.0f} | {figures['p50']:.1f} | {figures['p95']:.1f} | "
            f"{figures['rps']:.0f} | {ratio:.1f} | {verdict} |"
        )


if __name__ == "__main__":
    main()
