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


# WeasyPrint matches every element against its whole HTML5 user-agent stylesheet (html5_ua.css: forms, bidi
# attributes, every HTML tag, and five pseudo-element rules — ::marker, ::footnote-call… — that give each element
# of the document four to six pseudo-element styles to compute). For the elements below, this is what that
# sheet says, with the same values: a report's render costs about a seventh less (docs/performance.md). A
# document with any other element, or a `hidden` or `dir` attribute (whose rules are left out), gets
# WeasyPrint's own sheet. Left out too: footnotes and notes (no report stylesheet floats a footnote) and
# ::marker on anything but `li`; tests/partnerships/test_pdf.py holds both sheets to the same layout.
COMPACT_UA_TAGS = frozenset(
    {
        *("html", "head", "meta", "title", "body", "section", "nav", "article", "figure", "div", "p", "h1", "h2"),
        *("h3", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "span", "strong", "em", "a", "br"),
    }
)
# The charts' SVG elements, which the HTML parser puts in the SVG namespace (even the <svg> itself).
SVG_TAGS = frozenset(
    {"svg", "g", "path", "rect", "line", "polyline", "polygon", "circle", "ellipse", "text", "tspan", "title", "defs"}
)
COMPACT_UA_CSS = Path(__file__).with_name("pdf_user_agent.css")
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"


@cache
def _compact_ua_stylesheet():
    from weasyprint import CSS

    return CSS(filename=COMPACT_UA_CSS)


def compact_ua_covers(root) -> bool:
    """Whether the compact user-agent sheet says all that WeasyPrint's says of this parsed document."""
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):  # a comment
            continue
        if tag.startswith(SVG_NAMESPACE) and tag[len(SVG_NAMESPACE) :] in SVG_TAGS:
            continue
        if tag not in COMPACT_UA_TAGS or "hidden" in element.attrib or "dir" in element.attrib:
            return False
    return True


@cache
def _html_class():
    from weasyprint import HTML

    class CompactUserAgentHTML(HTML):
        # WeasyPrint has no parameter for its user-agent stylesheet: `_ua_stylesheets` is the method it calls
        # for it (weasyprint 70, HTML._ua_stylesheets). Checked by the tests named above.
        def _ua_stylesheets(self, forms=False):
            if not forms and compact_ua_covers(self.etree_element):
                return [_compact_ua_stylesheet()]
            return super()._ua_stylesheets(forms=forms)

    return CompactUserAgentHTML


def _html(html: str, *, compact_user_agent_sheet: bool = True):
    from weasyprint import HTML

    html_class = _html_class() if compact_user_agent_sheet else HTML
    return html_class(string=html, url_fetcher=_url_fetcher())


def _options(stylesheets: tuple[str, ...]) -> dict:
    return {"stylesheets": [_stylesheet(path) for path in stylesheets], "font_config": _font_config()}


def html_layout(html: str, *, stylesheets: tuple[str, ...] = (), compact_user_agent_sheet: bool = True):
    """WeasyPrint's laid-out pages of `html` (a `Document`): what the PDF is painted from."""
    return _html(html, compact_user_agent_sheet=compact_user_agent_sheet).render(**_options(stylesheets))


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    return _html(html).write_pdf(**_options(stylesheets))


def render_pdf(template_name: str, context: dict, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """The PDF of `template_name` rendered with `context`, styled by static `stylesheets`."""
    return html_to_pdf(render_to_string(template_name, context), stylesheets=stylesheets)


def warm_up(stylesheets: tuple[str, ...] = ()) -> None:
    """Load WeasyPrint, parse the stylesheets and open the fonts now, so that the first report
    a process renders is not half a second slower than the next ones."""
    html_to_pdf("<h1>Warm-up</h1><p>Warm-up <strong>bold</strong> <em>italic</em></p>", stylesheets=stylesheets)
