"""A refused form loses nothing: the small forms of the dossier page, the partnership space and a meeting post to
views that redirect back; what was typed comes back in the form with the reason, once, and nothing is saved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.forms.text import MESSAGE_MAX_LENGTH
from partnerships.models import Cda, FeedbackRound, MeetingSlot, NextStep
from tests.partnerships.partnership_helpers import confirmed_meeting, proposed_meeting, to_meeting_proposed

pytestmark = pytest.mark.django_db

YESTERDAY = (timezone.localdate() - timedelta(days=1)).isoformat()


@pytest.fixture
def space(dossier, paula):
    return to_meeting_proposed(dossier, paula)


def test_a_message_too_long_comes_back_whole_with_the_reason_and_only_once(client, alice, dossier):
    client.force_login(alice)
    body = "Notre étude pilote. " * (MESSAGE_MAX_LENGTH // 20 + 1)

    page = client.post(reverse("dossier_message", args=[dossier.uuid]), {"body": body}, follow=True)

    content = page.content.decode()
    assert body.strip() in content  # in the textarea, as typed
    assert f"Message\xa0: Assurez-vous que cette valeur comporte au plus {MESSAGE_MAX_LENGTH}" in content
    assert not dossier.messages.exists()
    again = client.get(reverse("startup_dossier_detail", args=[dossier.uuid])).content.decode()
    assert body.strip() not in again  # the page shown afterwards starts afresh


def test_a_status_left_unchosen_keeps_the_reason_typed(client, paula, dossier):
    client.force_login(paula)
    reason = "Budget de l'année déjà engagé ; revenez vers nous en janvier."

    page = client.post(
        reverse("pharma_dossier_transition", args=[dossier.uuid]), {"to_status": "", "reason": reason}, follow=True
    )

    content = page.content.decode()
    assert "Budget de l&#x27;année déjà engagé ; revenez vers nous en janvier." in content
    assert "Nouveau statut\xa0: Ce champ est obligatoire." in content
    dossier.refresh_from_db()
    assert dossier.status == "received"


def test_a_next_step_without_title_keeps_its_owner_and_date_and_opens_the_form(client, paula, space):
    client.force_login(paula)
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {"title": "", "owner": "Bob Lefèvre", "side": "pharma", "due_date": due}

    page = client.post(reverse("next_step_add", args=[space.uuid]), data, follow=True)

    content = page.content.decode()
    assert 'value="Bob Lefèvre"' in content and f'value="{due}"' in content
    assert '<details class="mb-3" open>' in content
    assert not NextStep.objects.exists()


def test_a_next_step_due_in_the_past_is_refused_on_the_meeting_page_it_came_from(client, paula, alice, space):
    meeting = confirmed_meeting(space, paula, alice)
    client.force_login(paula)
    data = {"title": "Envoyer le protocole", "owner": "Paula", "side": "pharma", "due_date": YESTERDAY}

    page = client.post(reverse("next_step_add", args=[space.uuid]), {**data, "meeting": meeting.uuid}, follow=True)

    assert page.redirect_chain[-1][0] == reverse("meeting_detail", args=[meeting.uuid]) + "#next-steps"
    content = page.content.decode()
    assert "Échéance\xa0: Choisissez une date future." in content and 'value="Envoyer le protocole"' in content
    assert not NextStep.objects.exists()


def test_a_cda_signed_in_the_future_keeps_its_reference_and_date(client, alice, dossier):
    client.force_login(alice)
    data = {"kind": "reference", "reference": "CDA-2030-17", "signed_on": "2030-01-01"}

    page = client.post(reverse("dossier_cda_propose", args=[dossier.uuid]), data, follow=True)

    content = page.content.decode()
    assert "La date de signature ne peut pas être dans le futur." in content
    assert 'value="CDA-2030-17"' in content and 'value="2030-01-01"' in content
    assert 'value="reference" id="cda-kind-reference" checked' in content
    assert not Cda.objects.exists()


def test_a_feedback_round_refused_by_the_service_keeps_its_label(client, paula, space):
    client.force_login(paula)
    data = {"label": "Revue du premier trimestre", "deadline": YESTERDAY}

    page = client.post(reverse("feedback_round_open", args=[space.uuid]), data, follow=True)

    content = page.content.decode()
    assert 'value="Revue du premier trimestre"' in content and "dans le futur" in content
    assert not FeedbackRound.objects.exists()


def test_other_slots_in_the_past_are_refused_and_come_back_as_typed(client, paula, alice, space):
    meeting = proposed_meeting(space, paula)
    slots_before = MeetingSlot.objects.filter(meeting=meeting).count()
    client.force_login(alice)
    data = {"slot_1_date": YESTERDAY, "slot_1_time": "14:30", "slot_1_duration": "45"}

    page = client.post(reverse("meeting_slots", args=[meeting.uuid]), data, follow=True)

    content = page.content.decode()
    assert f'value="{YESTERDAY}"' in content and 'value="14:30"' in content
    assert 'id="meeting-slots-form"' in content and "<details class=\"mb-3\" open>" in content
    assert MeetingSlot.objects.filter(meeting=meeting).count() == slots_before
