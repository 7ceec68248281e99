"""Render a Django template to PDF bytes with WeasyPrint.

A worker has no request, so nothing is fetched over HTTP: the print stylesheet is read from the
static files on disk, and the document may only embed `data:` URLs (the radar chart is inline SVG).
"""

from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


@cache
def _stylesheet(path: str):
    from weasyprint import CSS

    filename = finders.find(path)
    if filename is None:
        raise FileNotFoundError(f"Static file {path!r} not found.")
    # Parsed once per process: a worker renders many reports with the same stylesheet.
    return CSS(filename=filename, url_fetcher=_url_fetcher())


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    # No network and no arbitrary files from a worker: a report embeds everything it shows.
    return URLFetcher(allowed_protocols=("data",))


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_url_fetcher())
    return document.write_pdf(stylesheets=[_stylesheet(path) for path in stylesheets])


def render_pdf(template_name: str, context: dict, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """The PDF of `template_name` rendered with `context`, styled by static `stylesheets`."""
    return html_to_pdf(render_to_string(template_name, context), stylesheets=stylesheets)


def warm_up(stylesheets: tuple[str, ...] = ()) -> None:
    """Load WeasyPrint, parse the stylesheets and open the fonts now, so that the first report
    a process renders is not half a second slower than the next ones."""
    html_to_pdf("<h1>Warm-up</h1><p>Warm-up <strong>bold</strong> <em>italic</em></p>", stylesheets=stylesheets)
