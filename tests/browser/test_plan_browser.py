"""A founder builds an action plan from three gaps, exports it, submits a new snapshot and sees an action achieved."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from checklists.models import Item
from tests.factories import answered_snapshot

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.browser
SHOTS = "/tmp/plan-api-shots"


def test_a_founder_builds_a_plan_exports_it_and_sees_an_action_achieved(browser_page, framework, alice, assessment):
    answered_snapshot(assessment=assessment, user=alice, default_level=1)
    page = browser_page
    log_in(page, alice.email)

    page.goto(f"/startup/assessments/{assessment.pk}/results/")
    page.get_by_role("link", name="Construire le plan d'action").click()
    page.wait_for_url(re.compile(r".*/plan/$"))
    codes = []
    for days in (10, 20, 30):
        gap = page.locator(".plan-gap").first
        code = gap.get_attribute("id").removeprefix("gap-")
        codes.append(code)
        gap.locator("select[name=owner]").select_option(label=str(alice))
        gap.locator("input[name=due_date]").fill((timezone.localdate() + timedelta(days=days)).isoformat())
        gap.get_by_role("button", name="Ajouter au plan").click()
        page.locator(".alert-success").wait_for()
    assert page.locator(".plan-action").count() == 3
    assert "n'atteignent pas encore" in page.locator("#ready-date").inner_text()  # three gaps are not enough
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}/plan-fr-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}/plan-fr-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than a phone
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_download() as download_info:
        page.click("#plan-export-xlsx")
    with open(download_info.value.path(), "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    rows = [row for sheet in workbook.worksheets for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(row[1] for row in rows) == sorted(codes)
    assert all(row[4].date() > timezone.localdate() for row in rows)  # due dates are dates
    assert all(sheet.freeze_panes == "A2" for sheet in workbook.worksheets)

    # Close the first gap fully, submit again: its action is achieved.
    step = Item.objects.get(framework=assessment.framework, code=codes[0]).step.number
    page.goto(f"/startup/assessments/{assessment.pk}/steps/{step}/")
    page.check(f'input[name="{codes[0]}-level"][value="3"]')
    page.click('#step-actions button[value="submit"]')
    page.wait_for_url(re.compile(r".*/results/$"))
    assert "1/" in page.locator("#plan-vs-reality").inner_text()
    page.goto(f"/startup/assessments/{assessment.pk}/plan/")
    achieved = page.locator(".plan-action.achieved")
    assert achieved.count() == 1 and codes[0] in achieved.inner_text()
