"""A founder prepares the PDF report from the browser, with htmx, and downloads it."""

import re

import pytest
from django.urls import reverse

from partnerships.models import Report
from tests.conftest import celery_app_sending_to
from tests.partnerships.reports_helpers import pdf_text, startup_with_snapshot

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.browser


def test_a_founder_prepares_the_report_and_downloads_it(browser_page, framework, media):
    user, snapshot = startup_with_snapshot("CardioSense")
    page = browser_page
    log_in(page, user.email)

    page.goto(reverse("snapshot_reports", args=[snapshot.uuid]))
    page.select_option(f"#report-language-{snapshot.uuid}", "en")
    page.get_by_role("button", name=re.compile("Prepare the report|Préparer le rapport")).click()

    # htmx swaps the panel in place (the embedded mode renders at once); no page load.
    link = page.locator(".report-status a[download]")
    link.wait_for()
    assert page.url.endswith(reverse("snapshot_reports", args=[snapshot.uuid]))
    assert axe_violations(page) == []
    with page.expect_download() as download_info:
        link.click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert "CardioSense" in pdf_text(handle.read())
    assert Report.objects.get(snapshot=snapshot).language == "en"


def test_when_the_job_queue_is_unreachable_the_panel_says_so_in_place(browser_page, framework, media):
    """The view answers the htmx request with a 503 and the panel that says why; the panel shows it."""
    user, snapshot = startup_with_snapshot("CardioSense")
    page = browser_page
    log_in(page, user.email)
    page.goto(reverse("snapshot_reports", args=[snapshot.uuid]))

    with celery_app_sending_to("redis://127.0.0.1:1/0"):  # nothing listens there
        page.get_by_role("button", name=re.compile("Prepare the report|Préparer le rapport")).click()
        alert = page.locator(f"#report-panel-{snapshot.uuid} .alert-danger")
        alert.wait_for()

    assert "file de tâches est injoignable" in alert.inner_text()
    assert page.url.endswith(reverse("snapshot_reports", args=[snapshot.uuid]))
    assert not Report.objects.filter(snapshot=snapshot).exists()
