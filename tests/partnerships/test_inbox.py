"""The pharma team's inbox: filters, search, sort, pages, CSV export, overdue dossiers and response times."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AuditEvent, Dossier, Membership, TherapeuticArea
from partnerships.selectors.dossiers import inbox, inbox_metrics
from tests.factories import MembershipFactory

Status = Dossier.Status
TODAY = timezone.localdate


def make_dossier(snapshot, pharma, name, **fields) -> Dossier:
    """A received dossier as the inbox sees it (denormalised fields set directly)."""
    areas = fields.pop("areas", [])
    defaults = {
        "startup": snapshot.assessment.organisation,
        "snapshot": snapshot,
        "cover_message": "Bonjour",
        "startup_name": name,
        "overall_score": 50.0,
        "band": "strengthen",
        "maturity": "development",
        "business_models": ["remote_monitoring"],
    }
    dossier = Dossier.objects.create(pharma=pharma, **{**defaults, **fields})
    if areas:
        dossier.therapeutic_areas.set(areas)
    return dossier


def area(code: str) -> TherapeuticArea:
    return TherapeuticArea.objects.get_or_create(code=code, defaults={"name_fr": code.title(), "name_en": code})[0]


def names(client, **params) -> list[str]:
    response = client.get(reverse("pharma_inbox"), params)
    assert response.status_code == 200
    return [dossier.startup_name for dossier in response.context["dossiers"]]


@pytest.fixture
def rita_client(client, rita):
    client.force_login(rita)
    return client


@pytest.fixture
def several(snapshot, pharma_org, oscar):
    """Four dossiers for Pharma Lab, one for another company (never shown)."""
    cardio, onco = area("cardio-x"), area("onco-x")
    yesterday = TODAY() - datetime.timedelta(days=1)
    return {
        "alpha": make_dossier(snapshot, pharma_org, "Alpha Santé", overall_score=85, band="ready", areas=[cardio]),
        "beta": make_dossier(
            snapshot,
            pharma_org,
            "Beta Care",
            overall_score=30,
            band="not_ready",
            maturity="prototype",
            business_models=["pecan", "other"],
            decision_needed_by=yesterday,
            areas=[onco],
        ),
        "gamma": make_dossier(
            snapshot,
            pharma_org,
            "Gamma Digital",
            overall_score=65,
            band="nearly",
            status=Status.DECLINED,
            decision_needed_by=yesterday,  # decided: not overdue
            areas=[cardio, onco],
        ),
        "delta": make_dossier(
            snapshot, pharma_org, "Delta Med", overall_score=None, band="", decision_needed_by=TODAY()
        ),
        "foreign": make_dossier(snapshot, oscar.membership.organisation, "Foreign Startup"),
    }


def test_the_inbox_lists_only_the_companys_dossiers(rita_client, several):
    assert sorted(names(rita_client)) == ["Alpha Santé", "Beta Care", "Delta Med", "Gamma Digital"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "declined"}, ["Gamma Digital"]),
        ({"status": "open"}, ["Alpha Santé", "Beta Care", "Delta Med"]),
        ({"band": "ready"}, ["Alpha Santé"]),
        ({"maturity": "prototype"}, ["Beta Care"]),
        ({"therapeutic_area": "onco-x"}, ["Beta Care", "Gamma Digital"]),
        ({"business_model": "pecan"}, ["Beta Care"]),
        ({"business_model": "remote_monitoring"}, ["Alpha Santé", "Delta Med", "Gamma Digital"]),
        ({"overdue": "on"}, ["Beta Care"]),
        ({"q": "care"}, ["Beta Care"]),
        ({"q": "santé", "band": "ready"}, ["Alpha Santé"]),
        ({"band": "nonsense"}, ["Alpha Santé", "Beta Care", "Delta Med", "Gamma Digital"]),  # ignored
    ],
)
def test_filters_and_search(rita_client, several, params, expected):
    assert sorted(names(rita_client, **params)) == expected


def test_sort_by_score_then_by_deadline(rita_client, several):
    assert names(rita_client, sort="score") == ["Alpha Santé", "Gamma Digital", "Beta Care", "Delta Med"]
    by_deadline = names(rita_client, sort="deadline")
    assert by_deadline[:2] == ["Beta Care", "Gamma Digital"]
    assert by_deadline[-1] == "Alpha Santé"  # no date: last


def test_overdue_rows_stand_out(rita_client, several):
    page = rita_client.get(reverse("pharma_inbox")).content.decode()
    rows = [row for row in page.split("<tr") if "dossier-row" in row]
    overdue = [row for row in rows if "overdue" in row.split(">")[0]]
    assert len(overdue) == 1 and "Beta Care" in overdue[0]


def test_pages_of_25(rita_client, snapshot, pharma_org):
    for number in range(30):
        make_dossier(snapshot, pharma_org, f"Startup {number:02d}")
    assert len(names(rita_client)) == 25
    second = names(rita_client, page=2)
    assert len(second) == 5
    page = rita_client.get(reverse("pharma_inbox"), {"band": "strengthen"}).content.decode()
    assert "band=strengthen&amp;page=2" in page  # the filters follow the pages


def test_the_csv_export_follows_the_filters_and_is_audited(rita_client, rita, several):
    response = rita_client.get(reverse("pharma_inbox_csv"), {"therapeutic_area": "onco-x"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert sorted(row[0] for row in rows[1:]) == ["Beta Care", "Gamma Digital"]
    beta = next(row for row in rows if row[0] == "Beta Care")
    assert beta[1] == "30" and "PECAN / thérapies numériques (prise en charge anticipée); Autre" in beta
    event = AuditEvent.objects.get(action="inbox_exported")
    assert event.actor == rita and event.organisation == several["alpha"].pharma


def test_the_csv_export_neutralises_formulas(rita_client, snapshot, pharma_org):
    make_dossier(snapshot, pharma_org, '=HYPERLINK("http://evil")')
    rows = list(csv.reader(io.StringIO(rita_client.get(reverse("pharma_inbox_csv")).content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=")


def test_a_plain_member_reads_the_inbox_but_does_not_export(client, pharma_org, several):
    member = MembershipFactory(organisation=pharma_org, role=Membership.Role.MEMBER).user
    client.force_login(member)
    assert client.get(reverse("pharma_inbox")).status_code == 200
    assert client.get(reverse("pharma_inbox_csv")).status_code == 403


def test_median_times_to_first_response_and_to_decision(rita_client, snapshot, pharma_org):
    now = timezone.now()
    for days_to_respond, days_to_decide in [(2, 10), (4, None), (10, 30)]:
        dossier = make_dossier(snapshot, pharma_org, f"S{days_to_respond}")
        submitted = now - datetime.timedelta(days=40)
        Dossier.objects.filter(pk=dossier.pk).update(
            submitted_at=submitted,
            first_response_at=submitted + datetime.timedelta(days=days_to_respond),
            decided_at=submitted + datetime.timedelta(days=days_to_decide) if days_to_decide else None,
            status=Status.DECLINED if days_to_decide else Status.IN_REVIEW,
        )
    make_dossier(snapshot, pharma_org, "Not answered yet")

    metrics = inbox_metrics(pharma_org)
    assert metrics.median_first_response == datetime.timedelta(days=4)
    assert metrics.median_decision == datetime.timedelta(days=20)
    assert (metrics.open_count, metrics.received_count) == (2, 4)

    page = rita_client.get(reverse("pharma_inbox")).content.decode()
    assert "4 jours" in page
    assert "20 jours" in page


def test_no_medians_before_any_response(pharma_org):
    metrics = inbox_metrics(pharma_org)
    assert metrics.median_first_response is None and metrics.median_decision is None


def test_the_inbox_query_count_does_not_grow_with_the_dossiers(
    rita_client, snapshot, pharma_org, rita, django_assert_num_queries, django_assert_max_num_queries
):
    areas = [area("cardio-x"), area("onco-x")]

    def add(count: int) -> None:
        for _ in range(count):
            make_dossier(snapshot, pharma_org, f"Startup {Dossier.objects.count()}", assignee=rita, areas=areas)

    add(3)
    with django_assert_max_num_queries(20) as few:
        rita_client.get(reverse("pharma_inbox"))
    add(27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = rita_client.get(reverse("pharma_inbox"), {"sort": "score"})
    assert len(response.context["dossiers"]) == 25


def test_the_selector_is_the_same_on_every_database(snapshot, pharma_org):
    """JSON and date filters that SQLite and PostgreSQL both answer."""
    make_dossier(snapshot, pharma_org, "A", business_models=["out_of_pocket"])
    make_dossier(snapshot, pharma_org, "B", business_models=["other"])
    assert [d.startup_name for d in inbox(pharma_org, business_model="other")] == ["B"]


def test_the_inbox_speaks_english_under_en(rita_client, several):
    page = rita_client.get("/en" + reverse("pharma_inbox")).content.decode()
    assert "Dossiers received" in page and "Median time to first response" in page
    assert "Ready" in page  # Alpha Santé's band, translated
