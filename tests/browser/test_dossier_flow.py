"""A founder sends a dossier from the results page; a pharma reviewer takes it up in the inbox, moves it to
review, answers and keeps an internal note; the founder sees the new status and the answer, never the note."""

import re

import pytest
from django.urls import reverse

from partnerships.models import Dossier

from .conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_startup_submits_pharma_reviews_startup_sees_the_status(
    browser_page, chromium_browser, live_server, snapshot, alice, rita, pharma_org
):
    founder = browser_page
    log_in(founder, alice.email)

    # The founder sends the submitted assessment from its results page.
    founder.goto(reverse("assessment_results", args=[snapshot.assessment.pk]))
    assert axe_violations(founder) == []
    form = founder.locator("#dossier-submit-form")
    form.locator("#id_pharma").select_option(label="Pharma Lab")
    form.locator("#id_cover_message").fill("Nous cherchons un partenaire pour une étude en vie réelle.")
    form.locator("#id_decision_needed_by").fill("2099-06-30")
    form.locator('input[type="submit"]').click()
    # The assessment was prepared for Sanofi France: the founder is warned before anything is sent.
    warning = founder.locator("#dossier-submit-form")
    assert "Sanofi France" in warning.inner_text()
    assert not Dossier.objects.exists()
    warning.locator("#id_confirm_recipient").check()
    warning.locator("#id_cover_message").fill("Nous cherchons un partenaire pour une étude en vie réelle.")
    warning.locator('input[type="submit"]').click()
    founder.wait_for_url(re.compile(r".*/startup/dossiers/[0-9a-f-]+/$"))
    dossier = Dossier.objects.get()
    assert dossier.pharma == pharma_org

    # The reviewer, in a browser of her own, finds it in the inbox.
    context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    reviewer = context.new_page()
    try:
        log_in(reviewer, rita.email)
        reviewer.goto(reverse("pharma_inbox"))
        assert axe_violations(reviewer) == []
        reviewer.get_by_role("link", name="CardioSuivi").click()
        reviewer.wait_for_url(f"**{reverse('pharma_dossier_detail', args=[dossier.uuid])}")
        assert "Nous cherchons un partenaire" in reviewer.content()

        reviewer.locator("#dossier-transition-form #id_to_status").select_option("in_review")
        reviewer.locator('#dossier-transition-form input[type="submit"]').click()
        reviewer.wait_for_load_state()
        reviewer.locator("#dossier-message-form #id_body").fill("Merci ! Nous revenons vers vous sous quinze jours.")
        reviewer.locator('#dossier-message-form input[type="submit"]').click()
        reviewer.wait_for_load_state()
        reviewer.locator("#dossier-message-form #id_body").fill("Note interne : à voir avec la BU cardio.")
        reviewer.locator("#dossier-message-form #id_is_internal").check()
        reviewer.locator('#dossier-message-form input[type="submit"]').click()
        reviewer.wait_for_load_state()
        reviewer.locator(".internal-note").wait_for()
        assert axe_violations(reviewer) == []
    finally:
        context.close()

    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.IN_REVIEW

    # The founder sees the new status and the shared answer, not the internal note.
    founder.goto(reverse("startup_dossier_detail", args=[dossier.uuid]))
    summary = founder.locator("#dossier-summary").inner_text()
    assert "En cours d" in summary
    messages = founder.locator("#dossier-messages").inner_text()
    assert "sous quinze jours" in messages
    assert "BU cardio" not in founder.content()
    assert axe_violations(founder) == []
