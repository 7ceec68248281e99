"""Render a Django template to PDF bytes with WeasyPrint.

A worker has no request, so nothing is fetched over HTTP: the print stylesheet is read from the
static files on disk, and the document may only embed `data:` URLs (the radar chart is inline SVG). The
only files read are the report's own fonts (static/fonts), registered by the stylesheet's @font-face rules.
"""

import atexit
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    # One per process: the registered fonts are loaded once, not for every report. Dropped before the
    # interpreter's teardown, whose order would leave its finaliser without the library it calls.
    atexit.register(_font_config.cache_clear)
    return FontConfiguration()


@cache
def _fonts_directory() -> Path:
    found = finders.find("fonts")
    if found is None:
        raise FileNotFoundError("Static directory 'fonts' not found.")
    return Path(found).resolve()


@cache
def _stylesheet(path: str):
    from weasyprint import CSS

    filename = finders.find(path)
    if filename is None:
        raise FileNotFoundError(f"Static file {path!r} not found.")
    # Parsed once per process: a worker renders many reports with the same stylesheet.
    return CSS(filename=filename, url_fetcher=_url_fetcher(), font_config=_font_config())


def _url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetchingError

    # No network and no arbitrary files from a worker: a report embeds everything it shows, and reads only
    # the fonts shipped with the app.
    fetcher = URLFetcher(allowed_protocols=("data", "file"))

    def fetch(url: str, *args, **kwargs):
        parts = urlsplit(url)
        if parts.scheme == "file" and not Path(unquote(parts.path)).resolve().is_relative_to(_fonts_directory()):
            raise URLFetchingError(f"Only the report's fonts are read from files, not {url!r}.")
        return fetcher(url, *args, **kwargs)

    return fetch


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_url_fetcher())
    return document.write_pdf(stylesheets=[_stylesheet(path) for path in stylesheets], font_config=_font_config())


def render_pdf(template_name: str, context: dict, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """The PDF of `template_name` rendered with `context`, styled by static `stylesheets`."""
    return html_to_pdf(render_to_string(template_name, context), stylesheets=stylesheets)


def warm_up(stylesheets: tuple[str, ...] = ()) -> None:
    """Load WeasyPrint, parse the stylesheets and open the fonts now, so that the first report
    a process renders is not half a second slower than the next ones."""
    html_to_pdf("<h1>Warm-up</h1><p>Warm-up <strong>bold</strong> <em>italic</em></p>", stylesheets=stylesheets)
