"""Data rights beyond the basics: the export holds one's own data (login history and invitations included) and
the organisation's only as far as one's role allows; deletion takes the login history along; old login history
is purged; after a startup's deletion the pharma company keeps the one line the privacy page promises."""

import datetime
import io
import json
import zipfile

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AuditEvent, DossierReview, Invitation, Membership
from partnerships.services.dossiers import dossier_assign, dossier_message_post, dossier_transition
from partnerships.tasks import purge_login_history
from tests.factories import PASSWORD, MembershipFactory
from tests.partnerships.test_inbox import area, make_dossier


def _export(client) -> dict:
    response = client.post(reverse("privacy_export"))
    assert response.status_code == 200
    return json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))


@pytest.fixture
def notes(dossier, rita):
    dossier_message_post(user=rita, dossier=dossier, body="Internal: budget is tight.", is_internal=True, notify=False)
    return dossier


def test_a_plain_pharma_member_exports_her_own_data_not_the_dossiers_received(client, pharma_org, notes):
    member = MembershipFactory(organisation=pharma_org, role=Membership.Role.MEMBER, user__email="max@pharmalab.test")
    client.force_login(member.user)
    data = _export(client)

    assert data["user"]["email"] == "max@pharmalab.test"
    assert data["dossiers_received"] == [] and data["audit_trail"] == []
    dumped = json.dumps(data)
    assert "budget is tight" not in dumped and "CardioSuivi" not in dumped
    line = AuditEvent.objects.get(actor=member.user, action="data_exported")
    assert line.organisation == pharma_org and "0" in line.description


def test_a_reviewers_export_holds_what_her_inbox_export_allows_and_says_so_in_the_audit(client, rita, notes):
    client.force_login(rita)
    data = _export(client)
    [received] = data["dossiers_received"]
    assert "Internal: budget is tight." in {message["body"] for message in received["messages"]}
    assert "1" in AuditEvent.objects.get(actor=rita, action="data_exported").description


def test_a_teams_export_reads_its_dossiers_in_the_same_queries_however_many(client, rita, snapshot, pharma_org):
    """A pharma team's export holds every dossier received: thousands of them once made thousands of queries."""

    def receive(names):
        for name in names:
            dossier = make_dossier(snapshot, pharma_org, name, areas=[area("cardiology")])
            dossier_message_post(user=rita, dossier=dossier, body=f"Note on {name}", is_internal=True, notify=False)
            DossierReview.objects.create(dossier=dossier, reviewer=rita, reviewer_name="Rita", overall_score=50.0)

    client.force_login(rita)
    receive(["Alpha", "Beta"])
    with CaptureQueriesContext(connection) as two:
        _export(client)
    receive(["Gamma", "Delta", "Epsilon", "Zeta"])
    with CaptureQueriesContext(connection) as six:
        data = _export(client)

    assert len(six) == len(two)
    received = {row["startup_name"]: row for row in data["dossiers_received"]}
    assert sorted(received) == ["Alpha", "Beta", "Delta", "Epsilon", "Gamma", "Zeta"]
    for name, row in received.items():
        assert row["therapeutic_areas"] == ["cardiology"]
        assert [message["body"] for message in row["messages"]] == [f"Note on {name}"]
        assert [review["reviewer"] for review in row["reviews"]] == ["Rita"]


def test_the_export_holds_the_login_history_and_pending_invitations(settings, alice):
    settings.AXES_ENABLED = True
    browser = Client(HTTP_USER_AGENT="Firefox/128 test")
    browser.post(reverse("login"), {"username": "Alice@Cardio.test", "password": "wrong-password"})
    assert browser.post(reverse("login"), {"username": alice.email, "password": PASSWORD}).status_code == 302
    Invitation.objects.create(organisation=alice.membership.organisation, email="carol@cardio.test", invited_by=alice)

    data = _export(browser)

    [login] = data["login_history"]["logins"]
    assert login["ip_address"] == "127.0.0.1" and login["user_agent"] == "Firefox/128 test" and login["attempt_time"]
    assert "session_hash" not in login
    [invitation] = data["invitations"]
    assert invitation["email"] == "carol@cardio.test" and invitation["sent_by_me"] is True
    assert "token" not in invitation


def test_deleting_an_account_deletes_its_login_history_and_invitations_to_it(settings, client, alice, bob):
    settings.AXES_ENABLED = True
    for password in ("wrong-password", PASSWORD):
        Client().post(reverse("login"), {"username": bob.email, "password": password})
    Client().post(reverse("login"), {"username": "BOB@cardio.test", "password": "wrong-again"})
    Client().post(reverse("login"), {"username": alice.email, "password": PASSWORD})
    AccessFailureLog.objects.create(username=bob.email, ip_address="10.0.0.1", user_agent="x", path_info="/login/")
    other = MembershipFactory(user__email="dora@other.test").organisation
    Invitation.objects.create(organisation=other, email="bob@cardio.test")
    assert AccessLog.objects.filter(username=bob.email).exists() and AccessAttempt.objects.exists()

    client.force_login(bob)
    assert client.post(reverse("account_delete"), {"password": PASSWORD}).status_code == 302

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert not model.objects.filter(username__iexact="bob@cardio.test").exists(), model
    assert AccessLog.objects.filter(username=alice.email).exists()  # someone else's history stays
    assert not Invitation.objects.filter(email="bob@cardio.test").exists()


def test_login_history_past_the_retention_period_is_purged_every_day(settings, db):
    assert settings.LOGIN_HISTORY_RETENTION_DAYS == 90
    now = timezone.now()
    for days in (10, 89, 91, 400):
        fields = {"username": f"u{days}@x.test", "ip_address": "10.0.0.1", "user_agent": "x", "path_info": "/"}
        rows = [
            AccessAttempt.objects.create(**fields, failures_since_start=1),
            AccessLog.objects.create(**fields),
            AccessFailureLog.objects.create(**fields),
        ]
        for row in rows:
            type(row).objects.filter(pk=row.pk).update(attempt_time=now - datetime.timedelta(days=days))

    assert purge_login_history.delay().get() == 6  # the task beat runs (eager here)

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert sorted(model.objects.values_list("username", flat=True)) == ["u10@x.test", "u89@x.test"]
    schedule = {entry["task"]: entry["schedule"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["partnerships.purge_login_history"] <= 24 * 3600


def test_after_a_startup_deletes_itself_the_pharma_keeps_one_line_naming_it(client, alice, rita, paula, dossier):
    dossier_message_post(user=alice, dossier=dossier, body="Any news?", is_internal=False, notify=False)
    dossier_transition(user=rita, dossier=dossier, to_status="in_review", notify=False)
    dossier_assign(user=paula, dossier=dossier, assignee=rita)
    pharma = dossier.pharma
    assert AuditEvent.objects.filter(organisation=pharma, description__contains="CardioSuivi").count() >= 3

    client.force_login(alice)
    assert client.post(reverse("organisation_delete"), {"name": "CardioSuivi"}).status_code == 302

    naming = AuditEvent.objects.filter(organisation=pharma, description__contains="CardioSuivi")
    assert [line.action for line in naming] == ["dossier_deleted_by_sender"]
    lines = AuditEvent.objects.filter(organisation=pharma).exclude(action="dossier_deleted_by_sender")
    assert lines.count() >= 3  # the team's own history stays...
    assert not lines.filter(actor=alice).exists()  # ... without naming the startup's people
    assert all("CardioSuivi" not in json.dumps(line.details, ensure_ascii=False) for line in lines)
    assert lines.filter(actor=rita, action="dossier_status_changed").exists()


def test_the_privacy_page_states_the_rules(client):
    page = client.get("/en" + reverse("privacy")).content.decode()
    assert "login history" in page and "90 days" in page
    assert "the only line that still names the startup" in page
    assert "reviewers and administrators" in page
