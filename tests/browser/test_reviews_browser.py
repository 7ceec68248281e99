"""Two reviewers of Pharma Lab score Alice's dossier on the ten steps, the admin shares the scores, and Alice
sees her self-assessment next to the reviewers' step by step — in French and English, on a phone and a desktop.

Screenshots go to $REVIEW_SHOTS (default /tmp/trust-review-shots) to be looked at."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

from partnerships.models import DossierReview, DossierTeamReview

from .conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path(os.environ.get("REVIEW_SHOTS", "/tmp/trust-review-shots"))
WIDTHS = {"phone": 390, "desktop": 1280}


def score_the_ten_steps(page, dossier, levels: list[str], comment: str) -> None:
    page.goto(reverse("pharma_dossier_detail", args=[dossier.uuid]))
    page.locator("#reviewer-scores a.btn").click()
    page.wait_for_url(f"**{reverse('dossier_review', args=[dossier.uuid])}")
    assert axe_violations(page) == []
    names = page.eval_on_selector_all(
        '#review-form input[type="radio"]', "inputs => [...new Set(inputs.map(i => i.name))]"
    )
    assert len(names) >= 20
    for index, name in enumerate(names):
        page.check(f'input[name="{name}"][value="{levels[index % len(levels)]}"]')
    page.fill("#id_comment-1", comment)
    shoot(page, "review-form", "#review-step-1")
    page.locator('#review-form button[type="submit"]').click()
    page.wait_for_url(re.compile(r".*/pharma/dossiers/[0-9a-f-]+/#reviewer-scores$"))


def shoot(page, name: str, section: str) -> None:
    """The whole page and the reviews' section alone, at each width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        page.locator(section).screenshot(path=str(SHOTS / f"{name}-{label}-section.png"))


def test_two_reviewers_score_the_team_shares_the_startup_sees_self_vs_reviewers(
    browser_page, chromium_browser, live_server, dossier, alice, rita, paula
):
    reviewers = []
    for _reviewer in (rita, paula):
        context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
        context.set_default_timeout(15_000)
        reviewers.append((context, context.new_page()))
    try:
        rita_page, paula_page = reviewers[0][1], reviewers[1][1]
        log_in(rita_page, rita.email)
        score_the_ten_steps(rita_page, dossier, ["1", "0", "1"], "Preuves cliniques encore minces.")
        log_in(paula_page, paula.email)
        score_the_ten_steps(paula_page, dossier, ["1", "2", "na"], "Le modèle économique reste à chiffrer.")
        assert DossierReview.objects.filter(dossier=dossier).count() == 2

        # The team sees both reviewers, the mean, and the steps where the startup over-estimates itself.
        table = paula_page.locator("#review-comparison")
        assert "Rita" in table.inner_text() and "Paula" in table.inner_text()
        assert paula_page.locator("#review-comparison .divergence-over").count() >= 1
        assert axe_violations(paula_page) == []
        shoot(paula_page, "pharma-fr", "#reviewer-scores")
        paula_page.goto("/en" + reverse("pharma_dossier_detail", args=[dossier.uuid]))
        assert "Self-assessment vs your reviewers" in paula_page.content()
        shoot(paula_page, "pharma-en", "#reviewer-scores")

        # The inbox shows the team's score and the gap, and sorts by the largest gap.
        paula_page.goto(reverse("pharma_inbox") + "?sort=divergence")
        assert paula_page.locator("#inbox .dossier-row .divergent").count() == 1
        shoot(paula_page, "inbox-fr", "#inbox")

        # Before sharing, Alice sees nothing of it.
        log_in(browser_page, alice.email)
        browser_page.goto(reverse("startup_dossier_detail", args=[dossier.uuid]))
        assert browser_page.locator("#shared-review").count() == 0
        assert "Preuves cliniques" not in browser_page.content()

        # Paula (admin) shares, without the names.
        paula_page.goto(reverse("pharma_dossier_detail", args=[dossier.uuid]))
        paula_page.check("#id_share")
        paula_page.locator('#review-sharing-form button[type="submit"]').click()
        paula_page.wait_for_load_state()
        assert "Partagé avec la start-up" in paula_page.locator("#review-sharing-status").inner_text()
        assert DossierTeamReview.objects.get(dossier=dossier).is_shared
    finally:
        for context, _page in reviewers:
            context.close()

    browser_page.goto(reverse("startup_dossier_detail", args=[dossier.uuid]))
    shared = browser_page.locator("#shared-review")
    rows = shared.locator("tbody tr")
    assert rows.count() == 10
    assert "Preuves cliniques encore minces." in shared.inner_text()
    assert "Rita" not in browser_page.content() and "Évaluateur 1" in shared.inner_text()
    assert shared.locator(".divergence-over").count() >= 1
    assert axe_violations(browser_page) == []
    shoot(browser_page, "startup-fr", "#shared-review")
    browser_page.goto("/en" + reverse("startup_dossier_detail", args=[dossier.uuid]))
    assert "you rate yourself higher" in browser_page.locator("#shared-review").inner_text()
    shoot(browser_page, "startup-en", "#shared-review")
