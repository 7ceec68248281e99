"""The in-app count beside the e-mails: a new message, a status change, a decision date near; opening the
dossier clears what it showed."""

import datetime

from django.urls import reverse
from django.utils import timezone

from partnerships.models import DossierMessage
from partnerships.selectors.notifications import COUNT_CAP, NEW_WITHIN_DAYS, notifications_for
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
    page = client.get(reverse("dashboard"), follow=True).content.decode()
    assert (
        "Sur les 30 derniers jours, nouveaux messages\u00a0: 1, changements de statut\u00a0: 1\u00a0; "
        "dates de décision à moins d'une semaine\u00a0: 0"
    ) in page

    client.get(reverse("startup_dossier_detail", args=[dossier.uuid]))
    assert _count(client) == "0"


def test_the_pharma_team_counts_new_dossiers_and_decision_dates_near(
    client, alice, paula, rita, dossier, django_assert_num_queries
):
    dossier.decision_needed_by = timezone.localdate() + datetime.timedelta(days=3)
    dossier.save(update_fields=["decision_needed_by"])
    rita = type(rita).objects.select_related("membership__organisation").get(pk=rita.pk)  # as the login backend
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


def test_what_is_older_than_the_window_is_not_new_any_more(alice, paula, dossier):
    """A member of long standing who never opened a dossier is told about its last month, not about years."""
    long_ago = timezone.now() - datetime.timedelta(days=3 * NEW_WITHIN_DAYS)
    type(dossier).objects.filter(pk=dossier.pk).update(submitted_at=long_ago)
    type(alice.membership).objects.filter(pk=alice.membership.pk).update(joined_at=long_ago)
    alice = type(alice).objects.select_related("membership__organisation").get(pk=alice.pk)
    recent = dossier_message_post(user=paula, dossier=dossier, body="Et ensuite ?", is_internal=False, notify=False)
    older = dossier_message_post(user=paula, dossier=dossier, body="Bonjour", is_internal=False, notify=False)
    DossierMessage.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=NEW_WITHIN_DAYS + 1)
    )

    assert notifications_for(alice).messages == 1
    # The rows carry their dossier's organisations, which the count reads from its index.
    assert (recent.startup_id, recent.pharma_id) == (dossier.startup_id, dossier.pharma_id)


def test_a_count_stops_at_the_cap_and_the_badge_says_99_plus(client, alice, paula, dossier):
    DossierMessage.objects.bulk_create(
        DossierMessage(dossier=dossier, author=paula, body=f"Question {number}", **DossierMessage.sides_of(dossier))
        for number in range(COUNT_CAP + 20)
    )

    assert notifications_for(alice).messages == COUNT_CAP
    client.force_login(alice)
    assert _count(client) == "99+"
    page = client.get(reverse("dashboard"), follow=True).content.decode()
    assert "nouveaux messages\u00a0: 99+" in page
