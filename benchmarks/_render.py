"""One renderer in a process of its own, for the side-by-side render measure of `benchmarks/reports.py`.

    python benchmarks/_render.py current|before|before-harfbuzz HTML_FILE REPEATS

Prints one JSON line: the median wall and CPU time of REPEATS warm renders of HTML_FILE, and its pages.

- current: what a Celery worker does, from its start (`warm_up_pdf_renderer`: WeasyPrint, the stylesheet
  and the fonts loaded, the garbage collector tuned) to each report (`html_to_pdf`).
- before: the renderer as issue 15 measured it: the stylesheet at BASELINE_COMMIT, system fonts looked up
  for each document, the collector's defaults, and fonts subset by fontTools, as WeasyPrint did on a
  machine without HarfBuzz-Subset (this one, then: `libharfbuzz-subset0` was not installed).
- before-harfbuzz: the same, on today's libraries, to tell the stylesheet's share from the libraries'.
"""

import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
BASELINE_COMMIT = "31f7fba"  # the branch point of issue 15: the report's stylesheet before its changes


def pdf_pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _current():
    from partnerships.pdf import html_to_pdf
    from partnerships.services.reports import STYLESHEETS
    from partnerships.tasks import warm_up_pdf_renderer

    warm_up_pdf_renderer()
    return lambda html: html_to_pdf(html, stylesheets=STYLESHEETS)


def _before(*, harfbuzz_subset: bool):
    import weasyprint.pdf.fonts
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    if not harfbuzz_subset:
        weasyprint.pdf.fonts.harfbuzz_subset = None
    stylesheet = subprocess.run(
        ["git", "show", f"{BASELINE_COMMIT}:static/css/report-print.css"], cwd=ROOT, capture_output=True, text=True
    )
    if stylesheet.returncode != 0:
        return None
    fetcher = URLFetcher(allowed_protocols=("data",))
    css = CSS(string=stylesheet.stdout, url_fetcher=fetcher)
    return lambda html: HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[css])


def main() -> None:
    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # fontTools' notice, once per font and render
    name, html_file, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    render = {
        "current": _current,
        "before": lambda: _before(harfbuzz_subset=False),
        "before-harfbuzz": lambda: _before(harfbuzz_subset=True),
    }[name]()
    if render is None:
        print(json.dumps(None))
        return
    html = Path(html_file).read_text()
    pdf = render(html)  # warm-up
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        render(html)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(json.dumps({"wall": statistics.median(walls), "cpu": statistics.median(cpus), "pages": pdf_pages(pdf)}))


if __name__ == "__main__":
    main()
