"""A small server-side SVG for the peer benchmark: the cohort's middle half, its median and the startup's score."""

from django.utils.html import escape

WIDTH, HEIGHT, PAD = 200, 22, 4


def _x(score: float) -> float:
    return PAD + (WIDTH - 2 * PAD) * max(0.0, min(100.0, score)) / 100


def peer_svg(*, low: float, p25: float, median: float, p75: float, high: float, score: float | None, title: str) -> str:
    """Whiskers from the 5th to the 95th percentile, a box from the 25th to the 75th, a line at the median and a
    dot at the startup's score, on a 0–100 axis."""
    y = HEIGHT / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'class="peer-chart" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{PAD}" y1="{HEIGHT - 2}" x2="{WIDTH - PAD}" y2="{HEIGHT - 2}" stroke="#c8ccd0"/>',
        f'<line x1="{_x(low):.1f}" y1="{y}" x2="{_x(high):.1f}" y2="{y}" stroke="#7b8794"/>',
        f'<rect x="{_x(p25):.1f}" y="{y - 6}" width="{max(_x(p75) - _x(p25), 1):.1f}" height="12" '
        'fill="#d9e6f5" stroke="#0a3d7a"/>',
        f'<line x1="{_x(median):.1f}" y1="{y - 6}" x2="{_x(median):.1f}" y2="{y + 6}" stroke="#0a3d7a" '
        'stroke-width="2"/>',
    ]
    if score is not None:
        parts.append(f'<circle cx="{_x(score):.1f}" cy="{y}" r="4" fill="#c2410c" stroke="#ffffff"/>')
    parts.append("</svg>")
    return "".join(parts)
