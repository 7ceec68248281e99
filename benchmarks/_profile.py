"""Profile the main pages in one process, on the benchmark database: time, queries, and where the time goes.

    .venv/bin/python benchmarks/_profile.py                   # every page: median ms and queries
    .venv/bin/python benchmarks/_profile.py results --tree    # one page, with pyinstrument's call tree
    .venv/bin/python benchmarks/_profile.py results --sql     # one page, with its queries

Production settings as `bin/bench web` uses them (DEBUG off, PostgreSQL, the Redis cache), the Django test
client in place of gunicorn and wrk. This guided each fix listed in docs/performance.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_WEB_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_large")

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import web  # noqa: E402  (sets the production environment and django.setup())


def client_for(cookie: str) -> Client:
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    for part in filter(None, cookie.split("; ")):
        name, value = part.split("=", 1)
        client.cookies[name] = value
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", help="a word of the page's label (default: every page)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--tree", action="store_true", help="print pyinstrument's call tree")
    parser.add_argument("--sql", action="store_true", help="print the queries")
    args = parser.parse_args()
    web.prepare_data()  # the hashed static files, and the data on a fresh machine
    targets = [t for t in web.pages() if args.page is None or args.page in t[0]]
    for label, path, cookie in targets:
        client = client_for(cookie)
        assert client.get(path).status_code == 200, path  # warm: templates compiled, caches filled
        times, cpu = [], []
        for _ in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        print(
            f"{label}: {statistics.median(times):.1f} ms median ({statistics.median(cpu):.1f} ms of CPU in this "
            f"process), {len(queries)} queries"
        )
        if args.sql:
            for query in queries.captured_queries:
                print(f"  {query['time']} {query['sql'][:300]}")
        if args.tree:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(args.runs):
                    client.get(path)
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        reset_queries()


if __name__ == "__main__":
    main()
