"""A founder's whole path in a real browser: sign up, confirm, create the startup, describe it, add a target
company, answer the ten steps, read the results, then switch the interface to English."""

import os
import re
from itertools import cycle
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from checklists.models import Step

from .conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SCREENSHOT = SCREENSHOTS / "results.png"
# A plausible spread of answers rather than a uniform one, so the radar and gaps look like a real startup's.
LEVELS = ["3", "2", "3", "1", "2", "3", "0", "2", "3", "2", "1"]


def confirmation_link() -> str:
    """The link of the confirmation e-mail. Nothing to wait for once the caller has waited (through Playwright)
    for the page after the sign-up: the e-mail is sent when the sign-up commits, before the server answers."""
    assert mail.outbox, "no confirmation e-mail was sent"
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


def submit(page) -> None:
    page.locator('form input[type="submit"]').last.click()


def answer_step(page, levels) -> None:
    names = page.eval_on_selector_all(
        'input[type="radio"][name$="-level"]', "inputs => [...new Set(inputs.map(i => i.name))]"
    )
    for name in names:
        page.check(f'input[name="{name}"][value="{next(levels)}"]')
    for box in page.locator('input[type="checkbox"][name$="-done"]').all()[:1]:
        box.check()


def test_a_founder_walks_the_whole_path(browser_page, framework, mailoutbox):
    page = browser_page
    page.goto("/")
    page.click('a[href="/signup/"]')

    # Sign up and confirm the e-mail address.
    page.fill("#id_first_name", "Alice")
    page.fill("#id_last_name", "Martin")
    page.fill("#id_email", "alice@cardiosuivi.test")
    page.fill("#id_password1", "une-phrase-de-passe-solide")
    page.fill("#id_password2", "une-phrase-de-passe-solide")
    submit(page)
    page.wait_for_url("**/signup/done/")
    assert axe_violations(page) == []
    page.goto(confirmation_link())

    # A confirmed user with no organisation creates one.
    page.wait_for_url("**/organisation/new/")
    page.fill("#id_name", "CardioSuivi")
    page.check('input[name="kind"][value="startup"]')
    submit(page)

    # The profile: the facts the guide's advice depends on.
    page.wait_for_url("**/startup/profile/")
    assert axe_violations(page) == []
    page.fill("#id_description", "Télésurveillance de l'insuffisance cardiaque à domicile.")
    page.select_option("#id_maturity", "clinical_validation")
    page.check("#id_is_medical_device")
    page.select_option("#id_device_class", "IIa")
    page.check("#id_has_ai")
    page.check("#id_processes_health_data")
    page.check('input[name="business_models"][value="remote_monitoring"]')
    page.get_by_label("Cardiologie").check()
    page.check('input[name="target_users"][value="patients"]')
    page.fill("#id_team_size", "8")
    page.fill("#id_cash_runway_months", "14")
    page.fill("#id_support_structures", "Paris Santé Campus")
    page.check('input[name="pharma_expectations"][value="experiment_deployment"]')
    page.check('input[name="partnership_sought"][value="co_promotion"]')
    submit(page)

    # A target company: the meeting this assessment prepares.
    page.wait_for_url("**/startup/targets/")
    page.click('a[href="/startup/targets/new/"]')
    page.fill("#id_name", "Laboratoires Exemple France")
    page.check('input[name="level"][value="affiliate"]')
    page.select_option("#id_function", "marketing")
    page.check('input[name="partnership_sought"][value="co_promotion"]')
    page.fill("#id_meeting_date", "2026-12-15")
    submit(page)

    # The ten steps, one page each; every navigation saves.
    levels = cycle(LEVELS)
    for number in range(1, 11):
        page.wait_for_url(re.compile(rf".*/steps/{number}/$"))
        expect(page.locator("h1")).to_have_text(re.compile(rf"^Étape {number} — "))
        if number == 8:
            # Regulatory items that fit a medical device with AI and health data apply; ETP does not.
            assert page.locator(".not-applicable").count() >= 1
        answer_step(page, levels)
        if number in (1, 8):
            assert axe_violations(page) == []
        if number == 1:
            # With JavaScript, htmx saves as the user answers (the plain form POST does the same without it).
            page.wait_for_selector("#autosave-status:has-text('✓')")
            first_note = page.locator('textarea[name$="-note"]').first
            first_note.fill("Étude pilote avec le CHU de Lille en cours.")
            page.locator('input[name$="-evidence_url"]').first.fill("https://example.org/etude-pilote")
        if number < 10:
            page.click('#step-actions button[value="next"]')
        else:
            page.click('#step-actions button[value="submit"]')

    # Every step is marked complete, and the results are there.
    page.wait_for_url(re.compile(r".*/results/$"))
    assert axe_violations(page) == []
    assert page.locator("svg.radar-chart").is_visible()
    assert re.search(r"\d+", page.locator("#overall .display-5").inner_text())
    assert page.locator(".gap").count() > 0

    # Improve step 2, submit again: the results compare with the previous snapshot.
    page.goto(page.url.replace("/results/", "/steps/2/"))
    for name in page.eval_on_selector_all(
        'input[type="radio"][name$="-level"]', "inputs => [...new Set(inputs.map(i => i.name))]"
    ):
        page.check(f'input[name="{name}"][value="3"]')
    nav = page.locator("nav .step-nav button")
    assert nav.count() == 10
    assert all("✓" in nav.nth(i).inner_text() for i in range(10) if i != 1)
    page.click('#step-actions button[value="submit"]')
    page.wait_for_url(re.compile(r".*/results/$"))
    assert "+" in page.locator("#step-scores").inner_text()

    if os.environ.get("UPDATE_SCREENSHOTS") or not SCREENSHOT.exists():
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=False)
        page.locator("#step-scores").screenshot(path=str(SCREENSHOTS / "results-steps.png"))

    # Switch the interface to English: guide texts follow.
    page.select_option("#language-select", "en")
    page.wait_for_url(re.compile(r".*/en/startup/assessments/\d+/results/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    step1 = Step.objects.get(framework=framework, number=1)
    assert step1.title_en in page.content()


def test_a_step_is_answered_and_saved_without_javascript(chromium_browser, live_server, alice, assessment):
    """Every page works without JavaScript: the plain form POST saves and moves on."""
    from django.urls import reverse

    from partnerships.models import Answer
    from tests.factories import PASSWORD

    context = chromium_browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto("/login/")
        page.fill("#id_username", alice.email)
        page.fill("#id_password", PASSWORD)
        page.locator('form input[type="submit"]').click()
        page.goto(reverse("assessment_step", args=[assessment.pk, 1]))
        names = page.eval_on_selector_all(
            'input[type="radio"][name$="-level"]', "inputs => [...new Set(inputs.map(i => i.name))]"
        )
        for name in names:
            page.check(f'input[name="{name}"][value="2"]')
        page.click('#step-actions button[value="next"]')
        page.wait_for_url(re.compile(r".*/steps/2/$"))
        assert Answer.objects.filter(assessment=assessment, level=2).count() == len(names)
        # The language form submits with its button when there is no script to do it on change.
        page.select_option("#language-select", "en")
        page.click("#language-submit")
        page.wait_for_url(re.compile(r".*/en/startup/assessments/\d+/steps/2/$"))
    finally:
        context.close()


def test_autosaves_racing_page_loads_all_succeed(chromium_browser, live_server, alice, assessment):
    """A founder with the step open in several tabs: autosaves and reloads arrive together, none fails.

    Against PostgreSQL the live server handles them concurrently. With in-memory SQLite it takes them one at
    a time (conftest's OneRequestAtATime): this test failed with "no such savepoint" without that.
    """
    from django.urls import reverse

    from partnerships.models import Answer

    context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    try:
        log_in(page, alice.email)
        page.goto(reverse("assessment_step", args=[assessment.pk, 1]))
        statuses = page.evaluate(
            """() => {
              const form = document.querySelector('form[hx-post]');
              const radios = [...form.querySelectorAll('input[type=radio][name$="-level"]')];
              const requests = [];
              for (let i = 0; i < 40; i++) {
                const data = new FormData(form);
                data.set('go', 'autosave');
                for (const radio of radios) if (radio.value === String(i % 4)) data.set(radio.name, radio.value);
                requests.push(fetch(form.getAttribute('hx-post'), {method: 'POST', body: data,
                                                                   headers: {'HX-Request': 'true'}}));
                requests.push(fetch(location.pathname));
              }
              return Promise.all(requests.map(request => request.then(response => response.status)));
            }"""
        )
    finally:
        context.close()
    assert statuses == [200] * 80
    assert Answer.objects.filter(assessment=assessment, item__step__number=1).exists()
