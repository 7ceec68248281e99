"""Server-side SVG charts: the same markup goes into the web page and the PDF report."""

import math
from collections.abc import Sequence

from django.utils.html import escape

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 140
# The report's registered font (static/css/report-print.css); on a web page, the browser's sans-serif.
FONT_FAMILY = "Report Sans, Liberation Sans, sans-serif"


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return CENTRE + RADIUS * fraction * math.cos(angle), CENTRE + RADIUS * fraction * math.sin(angle)


def radar_svg(labels: Sequence[str], values: Sequence[float | None], *, title: str = "") -> str:
    """A radar chart of `values` (0-100, None for a step with nothing applicable) around `labels`."""
    count = len(labels)
    if count < 3:
        raise ValueError("A radar chart needs at least three axes.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" class="radar-chart" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, ring) for i in range(count)))
        parts.append(f'<polygon points="{points}" fill="none" stroke="#c8ccd0" stroke-width="1"/>')
    for index, label in enumerate(labels):
        x, y = _point(index, count, 1.0)
        parts.append(f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8ccd0" stroke-width="1"/>')
        lx, ly = _point(index, count, 1.17)
        anchor = "middle" if abs(lx - CENTRE) < 10 else ("start" if lx > CENTRE else "end")
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="13" font-family="{FONT_FAMILY}" text-anchor="{anchor}" '
            f'dominant-baseline="middle" fill="#212529">{escape(label)}</text>'
        )
    points = " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, (value or 0) / 100) for i, value in enumerate(values))
    )
    parts.append(f'<polygon points="{points}" fill="#0a3d7a" fill-opacity="0.25" stroke="#0a3d7a" stroke-width="2"/>')
    for index, value in enumerate(values):
        if value is not None:
            x, y = _point(index, count, value / 100)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#0a3d7a"/>')
    parts.append("</svg>")
    return "".join(parts)
