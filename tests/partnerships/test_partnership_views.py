"""The partnership space through its pages: forms, errors that lose nothing, imports, and the query count."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.models import KpiAlert, KpiValue, Meeting, NextStep
from partnerships.services.kpis import kpi_value_record
from tests.partnerships.partnership_helpers import (
    agreed_kpi,
    confirmed_meeting,
    days_ago,
    proposed_meeting,
    to_meeting_proposed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(dossier, paula):
    return to_meeting_proposed(dossier, paula)


def test_both_sides_see_the_page_and_a_plain_pharma_member_only_reads(space, alice, paula, client):
    from partnerships.models import Membership
    from tests.factories import MembershipFactory

    agreed_kpi(space, alice, paula)
    confirmed_meeting(space, paula, alice)
    url = reverse("partnership_detail", args=[space.uuid])
    for user in (alice, paula):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "Patients identifiés à risque" in page and "<svg" in page
        assert reverse("kpi_propose", args=[space.uuid]) in page
    reader = MembershipFactory(organisation=paula.membership.organisation, role=Membership.Role.MEMBER).user
    client.force_login(reader)
    page = client.get(url).content.decode()
    assert "Patients identifiés à risque" in page
    assert reverse("kpi_propose", args=[space.uuid]) not in page
    assert client.post(reverse("kpi_propose", args=[space.uuid]), {}).status_code == 403


def test_a_kpi_named_after_the_guides_example_reads_in_the_readers_language(space, alice, paula, client):
    agreed_kpi(space, alice, paula, name="Nombre de patients identifiés à risque")  # proposed on a French page
    agreed_kpi(space, alice, paula, catalogue_code="S9-K3", name="Utilisateurs actifs du pilote")  # renamed
    client.force_login(paula)
    url = reverse("partnership_detail", args=[space.uuid])

    english = client.get("/en" + url).content.decode()
    french = client.get(url).content.decode()

    assert "Number of patients identified at risk" in english and "Nombre de patients identifiés" not in english
    assert "Nombre de patients identifiés à risque" in french
    assert "Utilisateurs actifs du pilote" in english and "Utilisateurs actifs du pilote" in french


def test_the_guides_draft_agenda_reads_in_each_readers_language_until_someone_edits_it(space, paula, alice, client):
    with translation.override("en"):
        meeting = proposed_meeting(space, paula)  # proposed from an English page
    client.force_login(alice)
    page, printable = (
        reverse("meeting_detail", args=[meeting.uuid]),
        reverse("meeting_agenda_print", args=[meeting.uuid]),
    )

    french = client.get(page).content.decode()
    assert "1. Présentations" in french and "Introductions: who attends" not in french
    assert "1. Présentations" in client.get(printable).content.decode()
    assert "Introductions: who attends" in client.get("/en" + page).content.decode()

    client.post(reverse("meeting_agenda", args=[meeting.uuid]), {"text": "1. Démonstration du pilote"})
    assert "1. Démonstration du pilote" in client.get("/en" + page).content.decode()  # as written, from now on


def test_meeting_form_demands_a_decision_maker_and_keeps_what_was_typed(space, paula, client):
    client.force_login(paula)
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    data = {
        "title": "Atelier KPI",
        "place": "",
        "video_link": "https://visio.example/abc",
        "attendee_1_name": "Paula Martin",
        "attendee_1_role": "Directrice innovation",
        "attendee_1_side": "pharma",
        "slot_1_date": day,
        "slot_1_time": "10:30",
        "slot_1_duration": "60",
    }
    for number in (2, 3, 4):
        data[f"attendee_{number}_side"] = "pharma"
    response = client.post(reverse("meeting_propose", args=[space.uuid]), data)
    assert response.status_code == 400
    assert "Cochez au moins un décideur" in response.content.decode() and "Atelier KPI" in response.content.decode()
    response = client.post(reverse("meeting_propose", args=[space.uuid]), {**data, "attendee_1_decides": "on"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(meeting.slots.get().starts_at).hour == 10


def test_next_steps_overdue_are_highlighted(space, alice, client):
    NextStep.objects.create(
        dossier=space, side="startup", title="Envoyer le protocole", owner="Alice", due_date=days_ago(3)
    )
    client.force_login(alice)
    page = client.get(reverse("partnership_detail", args=[space.uuid])).content.decode()
    assert "next-step-overdue" in page


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("values.csv", text.encode(), content_type="text/csv")


def test_csv_import_names_every_bad_row_and_saves_nothing(space, alice, paula, client):
    agreed_kpi(space, alice, paula)
    client.force_login(alice)
    url = reverse("kpi_import", args=[space.uuid])
    bad = "kpi;date;value\nS9-K5;2020-13-01;12\nInconnu;2024-01-01;3\nS9-K5;2024-02-01;abc\n"
    response = client.post(url, {"file": _csv(bad)})
    text = response.content.decode()
    assert response.status_code == 400
    assert "ligne 2" in text and "ligne 3" in text and "ligne 4" in text
    assert not KpiValue.objects.exists()
    good = f'KPI,date,value\nS9-K5,{days_ago(60)},120\nPatients identifiés à risque,{days_ago(30)},"250,5"\n'
    assert client.post(url, {"file": _csv(good)}).status_code == 302
    assert sorted(KpiValue.objects.values_list("value", flat=True)) == [Decimal("120"), Decimal("250.5")]


def test_xlsx_import(space, alice, paula, client):
    from openpyxl import Workbook

    agreed_kpi(space, alice, paula)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["KPI", "date", "value"])
    sheet.append(["S9-K5", days_ago(10), 300])
    buffer = BytesIO()
    workbook.save(buffer)
    client.force_login(alice)
    upload = SimpleUploadedFile("values.xlsx", buffer.getvalue())
    assert client.post(reverse("kpi_import", args=[space.uuid]), {"file": upload}).status_code == 302
    assert KpiValue.objects.get().value == Decimal("300")


def test_alert_shown_until_a_decision_is_recorded(space, alice, paula, client, django_capture_on_commit_callbacks):
    kpi = agreed_kpi(space, alice, paula)
    with django_capture_on_commit_callbacks(execute=True):
        kpi_value_record(user=alice, kpi=kpi, measured_on=days_ago(0), value=Decimal("50"))
    alert = KpiAlert.objects.get(level="strategic_review")
    client.force_login(paula)
    url = reverse("partnership_detail", args=[space.uuid])
    assert "révision stratégique" in client.get(url).content.decode()
    client.post(reverse("kpi_alert_decide", args=[alert.pk]), {"decision": "Recentrer sur deux centres"})
    alert.refresh_from_db()
    assert alert.decided_by == paula
    page = client.get(url).content.decode()
    assert "Aucune alerte ouverte" in page and "Recentrer sur deux centres" in page


def test_page_query_count_does_not_grow_with_kpis_and_values(
    space, alice, paula, client, django_assert_max_num_queries
):
    client.force_login(alice)
    url = reverse("partnership_detail", args=[space.uuid])
    kpi = agreed_kpi(space, alice, paula)
    KpiValue.objects.create(kpi=kpi, measured_on=days_ago(30), value=10)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for index in range(4):
        other = agreed_kpi(space, alice, paula, name=f"KPI {index}", catalogue_code="")
        for days in (90, 60, 30):
            KpiValue.objects.create(kpi=other, measured_on=days_ago(days), value=days)
    confirmed_meeting(space, paula, alice)
    with django_assert_max_num_queries(len(one) + 1):  # + the meetings' slots, now that there is a meeting
        client.get(url)
