"""The in-app count beside the e-mails: a new message, a status change, a decision date near; opening the
dossier clears what it showed."""

import datetime

from django.urls import reverse
from django.utils import timezone

from partnerships.selectors.notifications import notifications_for
from partnerships.services.dossiers import dossier_message_post, dossier_transition


def _count(client) -> str:
    page = client.get(reverse("dashboard"), follow=True).content.decode()
    if 'id="notification-count"' not in page:
        return "0"
    return page.split('id="notification-count"', 1)[1].split(">", 1)[1].split("<", 1)[0]


def test_the_startup_sees_a_count_for_a_status_change_and_a_message_until_it_opens_the_dossier(
    client, alice, paula, dossier
):
    client.force_login(alice)
    client.get(reverse("startup_dossier_detail", args=[dossier.uuid]))
    assert _count(client) == "0"

    dossier_transition(user=paula, dossier=dossier, to_status="in_review", notify=False)
    dossier_message_post(
        user=paula, dossier=dossier, body="Merci, nous revenons vers vous.", is_internal=False, notify=False
    )
    dossier_message_post(user=paula, dossier=dossier, body="Note interne", is_internal=True, notify=False)
    found = notifications_for(alice)
    assert (found.messages, found.status_changes) == (1, 1)  # the internal note is never counted for her
    assert _count(client) == "2"

    client.get(reverse("startup_dossier_detail", args=[dossier.uuid]))
    assert _count(client) == "0"


def test_the_pharma_team_counts_new_dossiers_and_decision_dates_near(
    client, alice, paula, rita, dossier, django_assert_num_queries
):
    dossier.decision_needed_by = timezone.localdate() + datetime.timedelta(days=3)
    dossier.save(update_fields=["decision_needed_by"])
    _ = rita.membership.organisation  # read with the user on a real request (the login backend)
    with django_assert_num_queries(1):  # asked on every page: the three counts in one query
        found = notifications_for(rita)
    assert found.status_changes == 1 and found.deadlines == 1  # a new dossier, due within a week

    client.force_login(rita)
    client.get(reverse("pharma_dossier_detail", args=[dossier.uuid]))
    found = notifications_for(rita)
    assert found.status_changes == 0 and found.deadlines == 1  # the date stays near until it is decided
    assert _count(client) == "1"

    dossier_message_post(user=alice, dossier=dossier, body="Bonjour", is_internal=False, notify=False)
    dossier_message_post(user=rita, dossier=dossier, body="Note", is_internal=True, notify=False)
    assert notifications_for(rita).messages == 1  # the startup's message; her own note is not news to her
    assert notifications_for(paula).messages == 2  # a colleague's internal note is
