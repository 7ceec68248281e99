"""One partnership from "meeting proposed" to its review: the pharma admin proposes a meeting, the founder picks a
slot and downloads the invitation; the founder proposes a KPI from the guide, the pharma admin accepts it; a value
far behind the trajectory raises an alert (both sides e-mailed through the Celery task), shown until the decision
is recorded; both sides give their feedback; the partnership review comes out as a PDF."""

import os
import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from partnerships.models import KpiAlert, KpiVersion, Meeting
from tests.partnerships.partnership_helpers import to_meeting_proposed

from .conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
# Set SHOTS_DIR to keep screenshots of the pages at 390 and 1280 px, in French and English.
SHOTS_DIR = os.environ.get("SHOTS_DIR", "")


def shoot(page, name: str) -> None:
    if not SHOTS_DIR:
        return
    Path(SHOTS_DIR).mkdir(parents=True, exist_ok=True)
    url = page.url
    path = urlsplit(url).path
    for language in ("fr", "en"):
        # French is served without a prefix, English under /en/ (i18n_patterns).
        page.goto(path if language == "fr" else "/en" + path)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS_DIR}/{name}-{language}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)


def submit(page, form: str) -> None:
    page.locator(f'{form} input[type="submit"]').click()
    page.wait_for_load_state()


def test_partnership_from_meeting_to_review(
    browser_page, chromium_browser, live_server, dossier, alice, paula, media
):
    to_meeting_proposed(dossier, paula)
    space_url = reverse("partnership_detail", args=[dossier.uuid])
    founder = browser_page
    log_in(founder, alice.email)
    context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(15_000)
    pharma = context.new_page()
    try:
        log_in(pharma, paula.email)

        # The pharma admin proposes a meeting from the dossier's page, with a decision maker on each side.
        pharma.goto(reverse("pharma_dossier_detail", args=[dossier.uuid]))
        pharma.get_by_role("link", name="Ouvrir l'espace partenariat").click()
        pharma.get_by_role("link", name="Proposer une rencontre").click()
        shoot(pharma, "meeting-propose")
        form = pharma.locator("#meeting-propose-form")
        form.locator("#id_place").fill("Siège, salle Pasteur")
        form.locator("#id_attendee_1_name").fill("Paula Martin")
        form.locator("#id_attendee_1_role").fill("Directrice de l'innovation")
        form.locator("#id_attendee_1_decides").check()
        form.locator("#id_attendee_2_name").fill("Alice Durand")
        form.locator("#id_attendee_2_role").fill("CEO")
        form.locator("#id_attendee_2_side").select_option("startup")
        day = timezone.localdate() + timedelta(days=10)
        form.locator("#id_slot_1_date").fill(day.isoformat())
        form.locator("#id_slot_1_time").fill("14:30")
        form.locator("#id_slot_1_duration").fill("90")
        submit(pharma, "#meeting-propose-form")
        meeting = Meeting.objects.get()
        assert axe_violations(pharma) == []

        # The founder picks the slot; the confirmed meeting's invitation opens in any calendar.
        founder.goto(space_url)
        founder.get_by_role("link", name="Première rencontre").click()
        founder.locator('#meeting-confirm-form input[type="radio"]').first.check()
        submit(founder, "#meeting-confirm-form")
        assert "Confirmée" in founder.locator("#meeting-status").inner_text()
        shoot(founder, "meeting")
        with founder.expect_download() as download:
            founder.locator("#ics-link").click()
        (event,) = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
        start = event.decoded("dtstart")
        assert (start.date(), start.hour, start.minute, str(start.tzinfo)) == (day, 14, 30, "Europe/Paris")
        assert event.decoded("dtend") - start == timedelta(minutes=90)
        assert axe_violations(founder) == []

        # Both sides share the agenda and the notes; the notes open the meeting's feedback.
        founder.locator("#agenda-form #id_text").fill(meeting.agenda + "\n6. Budget du pilote")
        submit(founder, "#agenda-form")
        founder.locator("#notes-form #id_text").fill("Accord pour un pilote dans deux centres.")
        submit(founder, "#notes-form")

        # The founder proposes a KPI from the guide's catalogue; it is active once the pharma admin accepts it.
        founder.goto(reverse("kpi_propose", args=[dossier.uuid]))
        shoot(founder, "kpi-form")
        form = founder.locator("#kpi-form")
        form.locator("#id_catalogue_code").select_option("S9-K5")
        form.locator("#id_unit").fill("patients")
        form.locator("#id_baseline").fill("0")
        form.locator("#id_target").fill("1200")
        form.locator("#id_start_date").fill((timezone.localdate() - timedelta(days=120)).isoformat())
        form.locator("#id_target_date").fill((timezone.localdate() + timedelta(days=245)).isoformat())
        submit(founder, "#kpi-form")
        pharma.goto(space_url)
        pharma.locator(".kpi-accept").click()
        pharma.wait_for_load_state()
        assert KpiVersion.objects.get().status == KpiVersion.Status.ACTIVE

        # A value far behind the trajectory: the check runs as a Celery task and e-mails both sides.
        mail.outbox.clear()
        founder.goto(space_url)
        card = founder.locator(".kpi-card").first
        card.locator('input[name="measured_on"]').fill(timezone.localdate().isoformat())
        card.locator('input[name="value"]').fill("100")
        card.locator('button[type="submit"]').click()
        founder.wait_for_load_state()
        assert KpiAlert.objects.get().level == KpiAlert.Level.STRATEGIC_REVIEW
        alerted = {address for message in mail.outbox for address in message.to if "KPI" in message.subject}
        assert {alice.email, paula.email} <= alerted
        assert founder.locator(".kpi-card svg.kpi-chart").count() == 1

        # The pharma admin sees the alert and its agreed action, and records what was decided.
        pharma.goto(space_url)
        alert = pharma.locator(".kpi-alert")
        assert "révision stratégique" in alert.inner_text()
        alert.locator("textarea").fill("Révision stratégique tenue : recentrage sur deux centres.")
        alert.locator('button[type="submit"]').click()
        pharma.wait_for_load_state()
        assert pharma.locator(".kpi-alert").count() == 0
        assert axe_violations(pharma) == []
        shoot(pharma, "partnership")

        # Both sides give their feedback on the meeting; each reads the other's once both answered.
        for page, works in ((founder, "Des décideurs présents"), (pharma, "Une équipe transparente")):
            page.goto(reverse("meeting_detail", args=[meeting.uuid]))
            page.get_by_role("link", name="Donner votre retour sur cette rencontre").click()
            form = page.locator("#feedback-form")
            form.locator("#id_works").fill(works)
            form.locator("#id_does_not_work").fill("Le circuit juridique est long.")
            form.locator("#id_to_change").fill("Un point mensuel.")
            for field in ("collaboration", "responsiveness", "clarity"):
                form.locator(f'input[name="{field}"][value="4"]').check()
            submit(page, "#feedback-form")
        assert "Des décideurs présents" in pharma.locator("#their-feedback").inner_text()
        founder.reload()
        assert "Une équipe transparente" in founder.locator("#their-feedback").inner_text()
        shoot(founder, "feedback")
        assert axe_violations(founder) == []

        # The partnership review, rendered by the task as a PDF.
        pharma.goto(space_url)
        submit(pharma, "#partnership-review-form")
        with pharma.expect_download() as download:
            pharma.get_by_role("link", name="Télécharger le PDF").click()
        pdf = Path(download.value.path()).read_bytes()
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())
        assert "Revue du partenariat" in text and "Nombre de patients identifiés à risque" in text
        assert re.search(r"Des décideurs présents", text)
    finally:
        context.close()
