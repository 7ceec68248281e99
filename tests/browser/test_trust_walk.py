"""Trust, walked in the browser: a new pharma company signs up and is invisible to startups; staff verify it; it
publishes; a startup sends it a dossier with a confidential part; the pharma team sees the non-confidential part
only; both sides accept a CDA; the confidential part opens."""

import re

import pytest
from django.urls import reverse

from partnerships.models import Cda, Dossier
from tests.factories import UserFactory

from .conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SECRET = "Brevet FR-4242 : détection précoce"


def _new_context_page(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    return context, context.new_page()


def test_a_new_pharma_company_is_verified_publishes_and_reads_a_confidential_part_under_a_cda(
    browser_page, chromium_browser, live_server, snapshot, alice, staff_user
):
    founder = browser_page
    nina = UserFactory(email="nina@labo-nouveau.example", first_name="Nina")
    pharma_context, pharma = _new_context_page(chromium_browser, live_server)
    try:
        # A new pharma company: created, it says it is not verified and what to do.
        log_in(pharma, nina.email)
        pharma.goto(reverse("organisation_create"))
        pharma.fill("#id_name", "Labo Nouveau")
        pharma.check('input[name="kind"][value="pharma"]')
        pharma.locator('form input[type="submit"]').click()
        pharma.goto(reverse("pharma_dashboard"))
        assert "pas encore vérifiée" in pharma.locator("#verification-notice").inner_text()
        pharma.goto(reverse("organisation_identity"))
        pharma.fill("#id_legal_identifier", "552 032 534")
        pharma.fill("#id_website", "https://labo-nouveau.example")
        pharma.fill("#id_email_domains", "labo-nouveau.example")
        pharma.fill("#id_standard_cda", "Accord de confidentialité mutuel type de Labo Nouveau.")
        pharma.locator('#identity-form input[type="submit"]').click()
        pharma.wait_for_url(f"**{reverse('organisation_identity')}")
        assert "Demande envoyée" in pharma.locator("#verification-notice").inner_text()
        assert axe_violations(pharma) == []

        # Startups do not see it.
        log_in(founder, alice.email)
        founder.goto(reverse("directory"))
        assert "Labo Nouveau" not in founder.content()
        founder.goto(reverse("assessment_results", args=[snapshot.assessment.pk]))
        assert "Labo Nouveau" not in founder.content()

        # Staff verify it from their page.
        staff_context, staff = _new_context_page(chromium_browser, live_server)
        try:
            log_in(staff, staff_user.email)
            staff.goto(reverse("staff_verifications"))
            request = staff.locator(".verification-request", has_text="Labo Nouveau")
            assert "552032534" in request.inner_text() and "labo-nouveau.example" in request.inner_text()
            assert axe_violations(staff) == []
            request.get_by_role("button", name="Vérifier").click()
            staff.wait_for_load_state()
            assert "Labo Nouveau est vérifiée" in staff.content()
        finally:
            staff_context.close()

        # Verified, it publishes its profile.
        pharma.goto(reverse("pharma_profile"))
        pharma.fill("#id_decision_makers", "Directrice open innovation")
        pharma.fill("#id_typical_decision_weeks", "8")
        pharma.check('input[name="partnership_modes"][value="co_development"]')
        pharma.fill("#id_referent_name", "Nina Martin")
        pharma.check("#id_is_published")
        pharma.locator('#pharma-profile-form input[type="submit"]').click()
        pharma.wait_for_url(f"**{reverse('pharma_dashboard')}")

        # The startup finds it, verified, and sends it a dossier with a confidential part.
        founder.goto(reverse("directory"))
        assert "Entreprise vérifiée" in founder.locator("#directory-table tr", has_text="Labo Nouveau").inner_text()
        founder.goto(reverse("assessment_results", args=[snapshot.assessment.pk]))
        form = founder.locator("#dossier-submit-form")
        form.locator("#id_pharma").select_option(label="Labo Nouveau")
        form.locator("#id_cover_message").fill("Nous cherchons un partenaire pour une étude en vie réelle.")
        form.locator('input[type="submit"]').click()
        # The assessment was prepared for another company: confirm sending it to this one.
        founder.locator("#dossier-submit-form #id_confirm_recipient").check()
        founder.locator('#dossier-submit-form input[type="submit"]').click()
        founder.wait_for_url(re.compile(r".*/startup/dossiers/[0-9a-f-]+/$"))
        dossier = Dossier.objects.get(pharma__name="Labo Nouveau")
        founder.get_by_role("link", name="Rédiger la partie confidentielle").click()
        founder.fill("#id_ip_technology", SECRET)
        founder.fill("#id_data_room_links", "https://dataroom.cardio.example/labo")
        assert axe_violations(founder) == []
        founder.locator('#confidential-form input[type="submit"]').click()
        founder.wait_for_url(f"**{reverse('startup_dossier_detail', args=[dossier.uuid])}")

        # The pharma team sees the non-confidential part only, and proposes its standard CDA.
        pharma.goto(reverse("pharma_dossier_detail", args=[dossier.uuid]))
        assert "étude en vie réelle" in pharma.content() and "FR-4242" not in pharma.content()
        assert pharma.locator("#confidential-open").count() == 0
        pharma.locator("#cda-kind-standard").check()
        pharma.locator("#cda-propose").click()
        pharma.wait_for_load_state()
        assert "Proposé" in pharma.locator("#cda-status").inner_text()
        assert axe_violations(pharma) == []

        # The startup accepts: the confidential part opens to the pharma team.
        founder.goto(reverse("startup_dossier_detail", args=[dossier.uuid]))
        assert "Accord de confidentialité mutuel type de Labo Nouveau." in founder.content()
        founder.locator("#cda-accept").click()
        founder.wait_for_load_state()
        assert "En vigueur" in founder.locator("#cda-status").inner_text()
        assert Cda.objects.get(dossier=dossier).in_force

        pharma.goto(reverse("pharma_dossier_detail", args=[dossier.uuid]))
        pharma.locator("#confidential-open").click()
        pharma.wait_for_url(f"**{reverse('pharma_dossier_confidential', args=[dossier.uuid])}")
        assert SECRET in pharma.locator("#confidential-content").inner_text()
        assert axe_violations(pharma) == []
    finally:
        pharma_context.close()
