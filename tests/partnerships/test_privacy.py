"""Data rights: a founder downloads everything held about her and her startup, deletes her account; an admin
deletes the organisation, and its rows and report files are gone. What stays is said on the privacy page."""

import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from partnerships.models import (
    Answer,
    Assessment,
    AssessmentSnapshot,
    AuditEvent,
    Dossier,
    DossierMessage,
    Membership,
    Organisation,
    Report,
    TargetCompany,
    User,
)
from partnerships.services.dossiers import dossier_message_post
from partnerships.services.reports import report_request
from tests.factories import PASSWORD, MembershipFactory


@pytest.fixture
def report(media, snapshot, alice, django_capture_on_commit_callbacks):
    """Alice's PDF report, really rendered (Celery runs eagerly in tests)."""
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(snapshot=snapshot, user=alice, language="fr")
    report.refresh_from_db()
    assert report.status == Report.Status.READY and default_storage.exists(report.file.name)
    return report


@pytest.fixture
def conversation(dossier, alice, rita):
    dossier_message_post(
        user=rita, dossier=dossier, body="Shared: we would like to meet.", is_internal=False, notify=False
    )
    dossier_message_post(
        user=rita, dossier=dossier, body="Internal: budget is tight this year.", is_internal=True, notify=False
    )
    return dossier


def _export(client) -> tuple[dict, zipfile.ZipFile]:
    response = client.post(reverse("privacy_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json")), archive


def test_the_privacy_page_says_what_stays_and_is_linked_from_every_page(client):
    response = client.get(reverse("home"))
    assert reverse("privacy") in response.content.decode()
    page = client.get(reverse("privacy")).content.decode()
    assert "audit" in page.lower()


def test_a_founder_downloads_her_data_without_the_pharma_teams_internal_notes(client, alice, conversation, report):
    client.force_login(alice)
    data, archive = _export(client)

    assert data["user"]["email"] == "alice@cardio.test"
    assert data["organisation"]["name"] == "CardioSuivi"
    assert data["profile"] is not None
    assert [target["name"] for target in data["targets"]] == ["Sanofi France"]
    assert data["assessments"] and data["assessments"][0]["answers"]
    assert {answer["item_code"] for answer in data["assessments"][0]["answers"]} >= {"S1-C1"}
    assert len(data["snapshots"]) == 1
    [sent] = data["dossiers_sent"]
    bodies = [message["body"] for message in sent["messages"]]
    assert "Shared: we would like to meet." in bodies
    assert "Internal: budget is tight this year." not in json.dumps(data)
    assert data["dossiers_received"] == []
    assert f"reports/{report.uuid}.pdf" in archive.namelist()
    assert archive.read(f"reports/{report.uuid}.pdf").startswith(b"%PDF")
    assert AuditEvent.objects.filter(actor=alice, action="data_exported").exists()


def test_the_pharma_reviewer_export_keeps_her_teams_internal_notes(client, rita, conversation):
    client.force_login(rita)
    data, _archive = _export(client)
    [received] = data["dossiers_received"]
    assert {message["body"] for message in received["messages"]} == {
        "Shared: we would like to meet.",
        "Internal: budget is tight this year.",
    }
    assert data["dossiers_sent"] == []


def test_export_needs_a_login_and_a_post(client, alice):
    assert client.post(reverse("privacy_export")).status_code == 302
    client.force_login(alice)
    assert client.get(reverse("privacy_export")).status_code == 405


def test_account_deletion_needs_the_password(client, alice, bob):
    client.force_login(bob)
    response = client.post(reverse("account_delete"), {"password": "not-my-password"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert User.objects.filter(pk=bob.pk).exists()

    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=bob.pk).exists()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(organisation=alice.membership.organisation, action="member_left").exists()


def test_the_last_admin_of_a_team_is_told_to_hand_over_first(client, alice, bob):
    client.force_login(alice)
    page = client.get(reverse("account_delete"))
    assert "dernier administrateur" in page.context["refusal"]
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 409
    assert User.objects.filter(pk=alice.pk).exists()

    bob.membership.role = Membership.Role.ADMIN
    bob.membership.save()
    assert client.post(reverse("account_delete"), {"password": PASSWORD}).status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()
    assert Organisation.objects.filter(pk=bob.membership.organisation_id).exists()


def test_the_only_member_deleting_her_account_deletes_her_organisation_and_its_files(
    client, alice, dossier, report, django_capture_on_commit_callbacks
):
    organisation_id = alice.membership.organisation_id
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):  # files go once the deletion is committed
        assert client.post(reverse("account_delete"), {"password": PASSWORD}).status_code == 302
    assert not Organisation.objects.filter(pk=organisation_id).exists()
    assert not default_storage.exists(report.file.name)


def test_organisation_deletion_is_for_admins_with_the_typed_name(client, alice, bob):
    client.force_login(bob)
    assert client.get(reverse("organisation_delete")).status_code == 403
    client.force_login(alice)
    response = client.post(reverse("organisation_delete"), {"name": "Cardio"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert Organisation.objects.filter(name="CardioSuivi").exists()


def test_deleting_a_startup_removes_its_rows_and_report_files_and_leaves_the_pharma_a_line(
    client, alice, bob, conversation, report, pharma_org, django_capture_on_commit_callbacks
):
    organisation = alice.membership.organisation
    dossier = conversation
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organisation_delete"), {"name": "CardioSuivi"})
    assert response.status_code == 302

    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not TargetCompany.objects.filter(organisation_id=organisation.pk).exists()
    assert not Assessment.objects.filter(organisation_id=organisation.pk).exists()
    assert not Answer.objects.filter(assessment__organisation_id=organisation.pk).exists()
    assert not AssessmentSnapshot.objects.exists()
    assert not Report.objects.exists()
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert not DossierMessage.objects.exists()
    assert not Membership.objects.filter(organisation_id=organisation.pk).exists()
    assert not default_storage.exists(report.file.name)
    # People keep their own accounts, without an organisation.
    assert User.objects.filter(pk__in=[alice.pk, bob.pk]).count() == 2
    # The pharma company keeps one line: who, when submitted, when deleted.
    line = AuditEvent.objects.get(organisation=pharma_org, action="dossier_deleted_by_sender")
    assert "CardioSuivi" in line.description


def test_deleting_a_pharma_company_removes_the_dossiers_it_received(client, alice, paula, dossier, pharma_org):
    client.force_login(paula)
    response = client.post(reverse("organisation_delete"), {"name": "Pharma Lab"})
    assert response.status_code == 302
    assert not Dossier.objects.exists()
    assert AssessmentSnapshot.objects.filter(assessment__organisation=alice.membership.organisation).exists()
    assert AuditEvent.objects.filter(
        organisation=alice.membership.organisation, action="dossier_deleted_by_recipient"
    ).exists()


def test_a_sole_founder_without_data_deletes_his_account_and_organisation(client, db):
    member = MembershipFactory(user__email="solo@example.test")
    organisation_id = member.organisation_id
    client.force_login(member.user)
    assert client.post(reverse("account_delete"), {"password": PASSWORD}).status_code == 302
    assert not Organisation.objects.filter(pk=organisation_id).exists()
