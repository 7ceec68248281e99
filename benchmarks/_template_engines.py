"""Measure before choosing (issue 15): the results page's heaviest part — the score table and the gaps of the
ten steps — rendered by Django's template engine and by Jinja2, from the same context, in one process.

    .venv/bin/python benchmarks/_template_engines.py

Both render the same HTML (checked, whitespace aside) with the same translations (Jinja2's i18n extension given
Django's gettext) and the same number formatting (Django's `floatformat`). Uses the `bin/bench web` database.
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_WEB_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_large")

import jinja2  # noqa: E402
from django.template import engines  # noqa: E402
from django.template.defaultfilters import floatformat  # noqa: E402
from django.utils import translation  # noqa: E402

from benchmarks import web  # noqa: E402  (sets the production environment and django.setup())
from partnerships.management.commands.seed_large import BENCH_STARTUP_EMAIL  # noqa: E402
from partnerships.models import Assessment  # noqa: E402
from partnerships.selectors.assessment_pages import results_screen  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "template_engines"
DJANGO = (TEMPLATES / "steps.django.html").read_text()
JINJA = (TEMPLATES / "steps.jinja.html").read_text()


def jinja_template() -> jinja2.Template:
    environment = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    environment.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    environment.filters["floatformat"] = floatformat
    return environment.from_string(JINJA)


def _normalised(html: str) -> str:
    """The HTML without white space, each engine's escape of a quote written one way."""
    html = html.replace("&#x27;", "&#39;").replace("&#34;", "&quot;")
    return re.sub(r"\s+", "", html)


def timed(render, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        render()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main(runs: int = 300) -> None:
    web.prepare_data()
    assessment = Assessment.objects.get(organisation__memberships__user__email=BENCH_STARTUP_EMAIL)
    with translation.override("fr"):
        context = results_screen(assessment.organisation, assessment.pk)
        django_template = engines["django"].from_string(DJANGO)
        jinja = jinja_template()
        django_html = django_template.render({"steps": context["steps"]})
        jinja_html = jinja.render(steps=context["steps"])
        same = _normalised(django_html) == _normalised(jinja_html)
        gaps = sum(len(row.gaps) for row in context["steps"])
        django_ms = timed(lambda: django_template.render({"steps": context["steps"]}), runs)
        jinja_ms = timed(lambda: jinja.render(steps=context["steps"]), runs)
    print(f"10 steps, {gaps} gaps, {len(django_html) // 1024} KiB; same HTML: {'yes' if same else 'NO'}")
    print(f"Django templates: {django_ms:.2f} ms of CPU (median of {runs})")
    print(f"Jinja2:           {jinja_ms:.2f} ms of CPU ({django_ms / jinja_ms:.1f}× faster)")


if __name__ == "__main__":
    main()
