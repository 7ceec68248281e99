"""A KPI's values against its trajectory to target, as server-side SVG (web page and PDF alike, no JavaScript).

The dashed line is the expected trajectory (baseline → target); the dotted lines are the agreed alert levels
(e.g. 70 % of the expected progress: a meeting; 40 %: a strategic review); dots are the values entered.
"""

from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from scoring import kpi as engine

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 36


def _level_line(terms: engine.Terms, percent: float, on: date) -> float:
    return terms.baseline + (engine.expected(terms, on) - terms.baseline) * percent / 100


def kpi_chart_svg(terms: engine.Terms, values: list[tuple[date, float]], *, title: str, unit: str = "") -> str:
    first = min([terms.start, *(d for d, _v in values)])
    last = max([terms.target_date, *(d for d, _v in values)])
    span = max((last - first).days, 1)
    numbers = [terms.baseline, terms.target, *(v for _d, v in values)]
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.08 or 1.0
    low, high = low - pad, high + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(on: date) -> float:
        return LEFT + plot_w * (on - first).days / span

    def y(value: float) -> float:
        return TOP + plot_h * (high - value) / (high - low)

    label = _("%(title)s: values against the trajectory to target") % {"title": title}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="kpi-chart" role="img" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#f8f9fa" stroke="#c8ccd0"/>',
    ]
    for value in (low + pad, high - pad):
        decimals = 0 if abs(value) >= 100 or value == int(value) else 1
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(value):.1f}" font-size="11" text-anchor="end" dominant-baseline="middle" '
            f'fill="#495057">{escape(number_format(value, decimal_pos=decimals))}</text>'
        )
    for on, anchor in ((first, "start"), (last, "end")):
        parts.append(
            f'<text x="{x(on):.1f}" y="{HEIGHT - 12}" font-size="11" text-anchor="{anchor}" fill="#495057">'
            f"{escape(date_format(on, 'SHORT_DATE_FORMAT'))}</text>"
        )
    if unit:
        parts.append(f'<text x="{LEFT}" y="16" font-size="11" fill="#495057">{escape(unit)}</text>')
    # Trajectory and alert levels, sampled monthly (straight lines between samples are exact: they are linear).
    samples = sorted({terms.start, terms.target_date, first, last})
    for percent, style in ((terms.meeting_below, "#b35c00"), (terms.review_below, "#b02a37")):
        points = " ".join(f"{x(d):.1f},{y(_level_line(terms, percent, d)):.1f}" for d in samples)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{style}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
    trajectory = " ".join(f"{x(d):.1f},{y(engine.expected(terms, d)):.1f}" for d in samples)
    parts.append(
        f'<polyline points="{trajectory}" fill="none" stroke="#0a3d7a" stroke-width="1.5" stroke-dasharray="6 4"/>'
    )
    if values:
        line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in values)
        parts.append(f'<polyline points="{line}" fill="none" stroke="#198754" stroke-width="2"/>')
        for on, value in values:
            level = engine.alert_level(terms, value, on)
            colour = {"": "#198754", engine.MEETING: "#b35c00", engine.STRATEGIC_REVIEW: "#b02a37"}[level]
            tip = f"{date_format(on, 'SHORT_DATE_FORMAT')}: {number_format(value)}"
            parts.append(
                f'<circle cx="{x(on):.1f}" cy="{y(value):.1f}" r="4" fill="{colour}">'
                f"<title>{escape(tip)}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)
