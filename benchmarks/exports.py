"""Export benchmark: what a pharma team downloads whole — its inbox as CSV and XLSX, and its data export (ZIP).

    bin/bench exports                        # or: .venv/bin/python benchmarks/exports.py --repeats 3

Same database and production settings as `bin/bench web` (seeded on first use): the bench pharma company has
received 4,950 dossiers, all exported unfiltered, through the view (session, permission, queries, file, audit
line); the data export holds every dossier with its messages, history and reviews. Target, printed with ✔ or ✘:
each export answers within 5 s, far inside a web worker's 30 s timeout (here the XLSX export once took 14 s,
openpyxl looking up the sheet's size for every appended row, and the data export 15 s, 9,000 queries).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import web  # noqa: E402  (sets the production environment and django.setup())
from benchmarks._profile import client_for  # noqa: E402
from partnerships.models import Dossier  # noqa: E402

TARGET_SECONDS = 5.0
EXPORTS = {  # label: (method, path)
    "CSV": ("get", "/pharma/inbox/export.csv"),
    "XLSX": ("get", "/pharma/inbox/export.xlsx"),
    "data (ZIP)": ("post", "/privacy/export/"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    web.prepare_data()
    client = client_for(web.session_cookie(web.BENCH_PHARMA_EMAIL))
    received = Dossier.objects.filter(pharma__memberships__user__email=web.BENCH_PHARMA_EMAIL).count()
    for label, (method, path) in EXPORTS.items():
        seconds = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = getattr(client, method)(path)
            seconds.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
        median = statistics.median(seconds)
        verdict = "✔" if median <= TARGET_SECONDS else "✘"
        print(
            f"{label} export of {received} dossiers ({len(response.content) // 1024} KiB, "
            f"{len(queries)} queries): median {median:.2f} s, max {max(seconds):.2f} s "
            f"(target <= {TARGET_SECONDS:.0f} s) {verdict}"
        )


if __name__ == "__main__":
    main()
