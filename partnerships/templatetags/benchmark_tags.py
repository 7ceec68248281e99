"""Template helpers of the peer benchmark."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def peer_row(percentiles: dict | None, dossier_id: int):
    """The (step, percentile) list of one dossier from the page's dict (see selectors.benchmark)."""
    return (percentiles or {}).get(dossier_id)


@register.simple_tag
def percentile_bars(row) -> str:
    """Ten small bars, one per step, as high as the step's percentile among peers (server-side SVG)."""
    if not row:
        return ""
    words = ", ".join(
        _("step %(number)s: %(percentile)s") % {"number": step, "percentile": "—" if p is None else f"P{p:.0f}"}
        for step, p in row
    )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="5" height="{}" fill="#0a3d7a"/>',
        (
            (index * 7 + 1, f"{20 - 20 * (p or 0) / 100:.1f}", f"{20 * (p or 0) / 100:.1f}")
            for index, (_step, p) in enumerate(row)
        ),
    )
    title = _("Percentile by step among peers at the same stage: %(list)s") % {"list": words}
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="peer-bars" viewBox="0 0 {} 20" width="{}" height="20" '
        'role="img" aria-label="{}"><title>{}</title><rect width="{}" height="20" fill="#eef3f9"/>'
        '<line x1="0" y1="10" x2="{}" y2="10" stroke="#9aa5b1" stroke-dasharray="2 2"/>{}</svg>',
        len(row) * 7 + 1,
        len(row) * 7 + 1,
        title,
        title,
        len(row) * 7 + 1,
        len(row) * 7 + 1,
        bars,
    )


@register.simple_tag
def peer_minimum() -> int:
    from django.conf import settings

    return settings.BENCHMARK_MIN_COHORT


@register.simple_tag
def report_peers(snapshot):
    """The snapshot's cohorts for the PDF report (the page reads them itself: the report builder is unchanged);
    only the cohorts with enough organisations."""
    from ..selectors.benchmark import snapshot_benchmark

    return [cohort for cohort in snapshot_benchmark(snapshot) if cohort.shown]
