"""Acts that cannot be undone ask first: a decision on a dossier, a withdrawal; nothing is preselected."""

import html

from django.urls import reverse

from partnerships.models import Dossier
from partnerships.services.dossiers import dossier_transition

Status = Dossier.Status


def test_the_next_status_menu_preselects_nothing(client, paula, dossier):
    dossier_transition(user=paula, dossier=dossier, to_status=Status.IN_REVIEW, notify=False)
    dossier_transition(user=paula, dossier=dossier, to_status=Status.MEETING_PROPOSED, notify=False)
    client.force_login(paula)
    response = client.get(reverse("pharma_dossier_detail", args=[dossier.uuid]))
    form = response.context["transition_form"]
    assert form.fields["to_status"].choices[0][0] == ""
    page = response.content.decode()
    assert 'value="partnership_started" selected' not in page

    # Sent without a choice: nothing changes.
    client.post(reverse("pharma_dossier_transition", args=[dossier.uuid]), {"to_status": ""})
    dossier.refresh_from_db()
    assert dossier.status == Status.MEETING_PROPOSED


def test_a_decision_is_confirmed_on_its_own_page_before_it_is_recorded(client, paula, dossier):
    client.force_login(paula)
    url = reverse("pharma_dossier_transition", args=[dossier.uuid])
    data = {"to_status": "declined", "reason": "Hors de nos aires thérapeutiques."}
    response = client.post(url, data)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert 'id="decision-confirm"' in page and "Hors de nos aires thérapeutiques." in page
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED

    response = client.post(url, {**data, "confirmed": "yes"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.DECLINED
    assert dossier.decline_reason == "Hors de nos aires thérapeutiques."

    # Moves that are not decisions need no confirmation.


def test_a_move_that_is_not_a_decision_is_recorded_at_once(client, paula, dossier):
    client.force_login(paula)
    response = client.post(reverse("pharma_dossier_transition", args=[dossier.uuid]), {"to_status": "in_review"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_REVIEW


def test_withdrawing_is_a_confirmation_step_on_the_dossier_page(client, alice, dossier):
    client.force_login(alice)
    page = client.get(reverse("startup_dossier_detail", args=[dossier.uuid])).content.decode()
    withdraw = page.split('id="withdraw"', 1)[1].split("</details>", 1)[0]
    assert "<summary" in withdraw and 'id="confirm-withdraw"' in withdraw
    assert page.index("<summary", page.index('id="withdraw"')) < page.index('id="confirm-withdraw"')


def test_a_reviewer_who_may_not_decide_is_told_who_decides(client, rita, paula, dossier):
    dossier_transition(user=paula, dossier=dossier, to_status=Status.IN_REVIEW, notify=False)
    dossier_transition(user=paula, dossier=dossier, to_status=Status.MEETING_PROPOSED, notify=False)
    client.force_login(rita)
    response = client.get(reverse("pharma_dossier_detail", args=[dossier.uuid]))
    assert response.context["transition_form"] is None  # every next status is a decision
    page = html.unescape(response.content.decode())
    help_text = page.split('id="who-decides"', 1)[1].split("</p>", 1)[0]
    assert "Paula" in help_text  # the admin who decides
    assert "revient aux administrateurs ou à l'évaluateur à qui le dossier est attribué." in help_text
