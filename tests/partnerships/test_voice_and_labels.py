"""What a person reads is words in their language, in their side's voice: never a Python value or a code."""

import html
import re

from django.urls import reverse

from partnerships.models import TherapeuticArea

RAW = re.compile(r"\['|\bTrue\b|\bFalse\b|\bNone\b|\b[a-z]+_[a-z_]+\b")


def _visible(page: str) -> str:
    body = page.split("<main", 1)[-1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_reviewer_reads_the_pharma_profile_in_labels_not_codes(client, rita, pharma_org):
    profile = pharma_org.pharma_profile
    profile.level = "affiliate"
    profile.partnership_modes = ["co_promotion", "clinical_development"]
    profile.needs = ["co_development"]
    profile.equity_investment = True
    profile.save()
    profile.therapeutic_areas.set(TherapeuticArea.objects.all()[:2])
    client.force_login(rita)
    page = client.get(reverse("pharma_profile")).content.decode()
    shown = _visible(page.split('id="pharma-profile-read"', 1)[1].split("</dl>", 1)[0])
    assert not RAW.search(shown), RAW.search(shown)
    assert "Oui" in shown and "Filiale France" in shown
    assert str(TherapeuticArea.objects.all()[0]) in shown


def test_the_pharma_dossier_page_speaks_to_the_pharma_team(client, paula, dossier):
    client.force_login(paula)
    page = _visible(
        client.get(reverse("pharma_dossier_detail", args=[dossier.uuid]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    for startup_voice in ("Vos attentes", "Vous attendez", "où vous vous déployez"):
        assert startup_voice not in page


def test_the_pharma_dossier_page_shows_who_the_startup_is_frozen_at_submission(client, paula, alice, dossier):
    profile = alice.membership.organisation.startup_profile
    client.force_login(paula)
    page = _visible(client.get(reverse("pharma_dossier_detail", args=[dossier.uuid])).content.decode())
    block = page.split("La start-up", 1)[1]
    for label in ("Ce que fait la solution", "Dispositif médical", "Intelligence artificielle", "Données de santé"):
        assert label in block
    assert alice.email in block  # the contact person: who sent the dossier
    assert not RAW.search(block.split("Scores par étape")[0] if "Scores par étape" in block else block[:2000])

    # Later edits of the profile do not reach the page: it is the frozen copy.
    profile.description = "Une description écrite après l'envoi."
    profile.save()
    page = client.get(reverse("pharma_dossier_detail", args=[dossier.uuid])).content.decode()
    assert "écrite après l" not in html.unescape(page)


def test_the_history_reads_an_assignment_in_the_readers_language_and_no_zero_minutes(client, paula, rita, dossier):
    from django.utils import translation

    from partnerships.services.dossiers import dossier_assign

    with translation.override("fr"):  # written by a French-speaking admin
        dossier_assign(user=paula, dossier=dossier, assignee=rita)
    client.force_login(paula)
    french = _visible(client.get(reverse("pharma_dossier_detail", args=[dossier.uuid])).content.decode())
    english = _visible(client.get("/en" + reverse("pharma_dossier_detail", args=[dossier.uuid])).content.decode())
    assert "Assigned to Rita" in english and "Attribué" not in english
    assert "Attribué à Rita" in french
    assert "0 minute" not in french and "à l'instant" in french
