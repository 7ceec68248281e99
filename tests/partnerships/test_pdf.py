"""The PDF renderer: the compact user-agent stylesheet lays a report out exactly as WeasyPrint's own sheet does."""

import pytest
from weasyprint.css.properties import INITIAL_VALUES

from partnerships.models import Report
from partnerships.pdf import compact_ua_covers, html_layout
from partnerships.services.reports import STYLESHEETS, report_html

from .reports_helpers import startup_with_snapshot

pytestmark = pytest.mark.django_db

# Every CSS property a box has, but the logical ones (border-block-end…), which WeasyPrint maps to the physical.
PROPERTIES = sorted(name for name in INITIAL_VALUES if "_block_" not in name and "_inline_" not in name)


def _report_html(language: str) -> str:
    _, snapshot = startup_with_snapshot("CardioSense")
    html, _name = report_html(Report.objects.create(snapshot=snapshot, language=language))
    return html


def _layout(document) -> list[tuple]:
    """Every box of every page: its kind, place, size, text and computed style."""
    rows = []

    def walk(box):
        geometry = tuple(
            round(value, 3) if isinstance(value, float) else value
            for value in (box.position_x, box.position_y, box.width, box.height)
        )
        style = tuple(str(box.style[name]) for name in PROPERTIES)
        rows.append((type(box).__name__, box.element_tag, geometry, getattr(box, "text", None), style))
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return rows


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_compact_sheet_lays_the_report_out_as_weasyprints_own_sheet(framework, language):
    html = _report_html(language)

    compact = html_layout(html, stylesheets=STYLESHEETS)
    weasyprint = html_layout(html, stylesheets=STYLESHEETS, compact_user_agent_sheet=False)

    assert len(compact.pages) == len(weasyprint.pages) >= 6
    assert _layout(compact) == _layout(weasyprint)


def test_a_document_the_compact_sheet_does_not_describe_gets_weasyprints_own():
    from weasyprint import HTML

    def covered(html: str) -> bool:
        return compact_ua_covers(HTML(string=html).etree_element)

    assert covered("<h1>Report</h1><table><tr><td><svg><rect/></svg></td></tr></table><p><em>x</em></p>")
    assert not covered("<dl><dt>Term</dt><dd>Definition</dd></dl>")  # a tag it leaves out
    assert not covered('<p dir="rtl">x</p>')  # bidi rules left out
    assert not covered("<p hidden>x</p>")
