"""Both dashboards list the organisation's partnership spaces with what needs attention: open alerts, next
steps past their date, the next confirmed meeting. Another organisation never sees them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from partnerships.models import NextStep
from partnerships.services.kpis import kpi_value_record
from tests.partnerships.partnership_helpers import agreed_kpi, confirmed_meeting, days_ago, to_meeting_proposed

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(dossier, paula):
    return to_meeting_proposed(dossier, paula)


def overview(client, user, url_name: str) -> str:
    client.force_login(user)
    page = client.get(reverse(url_name)).content.decode()
    start = page.find('id="partnerships-overview"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_both_sides_see_the_space_with_its_open_alert_and_overdue_step(
    space, alice, paula, client, django_capture_on_commit_callbacks
):
    kpi = agreed_kpi(space, alice, paula)
    with django_capture_on_commit_callbacks(execute=True):
        kpi_value_record(user=alice, kpi=kpi, measured_on=days_ago(0), value=Decimal("100"))  # far behind: alert
    NextStep.objects.create(
        dossier=space, side="startup", title="Protocole", owner="Alice", due_date=timezone.localdate() - timedelta(1)
    )
    meeting = confirmed_meeting(space, paula, alice)

    pharma_card = overview(client, paula, "pharma_dashboard")
    with translation.override("fr"):
        when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    assert when in pharma_card
    assert "CardioSuivi" in pharma_card and reverse("partnership_detail", args=[space.uuid]) in pharma_card
    assert "1 alerte ouverte" in pharma_card
    assert "1 prochaine étape en retard" in pharma_card
    assert "Prochaine rencontre" in pharma_card

    startup_card = overview(client, alice, "startup_dashboard")
    assert "Pharma Lab" in startup_card and "1 alerte ouverte" in startup_card


def test_a_space_without_meeting_says_so_and_other_organisations_see_nothing(space, charlie, oscar, paula, client):
    assert "Aucune rencontre confirmée" in overview(client, paula, "pharma_dashboard")
    assert overview(client, oscar, "pharma_dashboard") == ""
    assert overview(client, charlie, "startup_dashboard") == ""


def test_dashboard_query_count_does_not_grow_with_partnerships(
    space, alice, paula, snapshot, client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.services.dossiers import dossier_submit
    from tests.factories import MembershipFactory, PharmaFactory

    client.force_login(alice)
    url = reverse("startup_dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for index in range(2):
        pharma = PharmaFactory(name=f"Pharma {index}")
        pharma.pharma_profile.is_published = True
        pharma.pharma_profile.save()
        admin = MembershipFactory(organisation=pharma, role="admin").user
        other = dossier_submit(
            user=alice, snapshot=snapshot, pharma=pharma, cover_message="Étude en vie réelle.", notify=False
        )
        to_meeting_proposed(other, admin)
    with django_assert_num_queries(len(one)):
        page = client.get(url).content.decode()
    assert "Pharma 0" in page and "Pharma 1" in page


def test_the_spaces_that_need_attention_come_first_and_the_total_counts_them_all(
    space, alice, paula, snapshot, client, django_capture_on_commit_callbacks
):
    from partnerships.selectors.partnership import partnership_overview
    from partnerships.services.dossiers import dossier_submit
    from tests.factories import MembershipFactory, PharmaFactory

    pharma = PharmaFactory(name="Quiet Pharma")
    pharma.pharma_profile.is_published = True
    pharma.pharma_profile.save()
    admin = MembershipFactory(organisation=pharma, role="admin").user
    quiet = dossier_submit(user=alice, snapshot=snapshot, pharma=pharma, cover_message="Étude.", notify=False)
    to_meeting_proposed(quiet, admin)  # the newest space, but nothing to do there
    kpi = agreed_kpi(space, alice, paula)
    with django_capture_on_commit_callbacks(execute=True):
        kpi_value_record(user=alice, kpi=kpi, measured_on=days_ago(0), value=Decimal("100"))

    overview = partnership_overview(alice.membership.organisation, length=1)
    assert [summary.partner_name for summary in overview.summaries] == ["Pharma Lab"]
    assert overview.total == 2
