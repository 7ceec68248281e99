"""Target companies as new users expected them: no meeting in the past for a new target, "meeting held" once
it is over, archiving, and a link to the company of the directory ("prepare for this company")."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AuditEvent, TargetCompany
from tests.factories import TargetCompanyFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _target(**extra):
    return {"name": "Pharma Lab", "level": "affiliate", "function": "innovation", **extra}


def test_a_new_target_refuses_a_meeting_date_in_the_past_and_keeps_what_was_typed(alice_client):
    past = (TODAY - datetime.timedelta(days=3)).isoformat()
    response = alice_client.post(reverse("target_create"), _target(meeting_date=past))
    assert response.status_code == 200
    assert response.context["form"].errors["meeting_date"]
    assert not TargetCompany.objects.exists()
    assert 'value="Pharma Lab"' in response.content.decode()


def test_an_existing_target_keeps_a_past_meeting_date_and_shows_the_meeting_held(alice_client, alice):
    target = TargetCompanyFactory(organisation=alice.membership.organisation, name="Sanofi France")
    past = TODAY - datetime.timedelta(days=10)
    response = alice_client.post(reverse("target_update", args=[target.pk]), _target(meeting_date=past.isoformat()))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.meeting_date == past and target.meeting_held
    page = alice_client.get(reverse("target_list")).content.decode()
    assert "meeting-held" in page

    target.meeting_date = TODAY + datetime.timedelta(days=1)
    target.save()
    assert "meeting-held" not in alice_client.get(reverse("target_list")).content.decode()


def test_archiving_a_target_takes_it_out_of_the_list_and_keeps_it(alice_client, alice, charlie, client):
    target = TargetCompanyFactory(organisation=alice.membership.organisation, name="Old Pharma")
    response = alice_client.post(reverse("target_archive", args=[target.pk]))
    assert response["Location"] == reverse("target_list")
    target.refresh_from_db()
    assert target.archived_at is not None
    page = alice_client.get(reverse("target_list")).content.decode()
    assert 'id="targets-table"' not in page  # no active target left
    assert 'id="archived-targets"' in page and "Old Pharma" in page
    assert "Old Pharma" not in alice_client.get(reverse("startup_dashboard")).content.decode()
    assert AuditEvent.objects.filter(action="target_archived").exists()

    alice_client.post(reverse("target_archive", args=[target.pk]), {"archived": "0"})
    target.refresh_from_db()
    assert target.archived_at is None

    client.force_login(charlie)
    assert client.post(reverse("target_archive", args=[target.pk])).status_code == 404


def test_a_company_of_the_directory_offers_to_prepare_for_it_and_then_to_send_a_dossier(
    alice_client, alice, pharma_org, framework
):
    from partnerships.services.assessments import assessment_for_target, assessment_submit
    from tests.partnerships.startup_helpers import answer_all

    detail = reverse("directory_detail", args=[pharma_org.pharma_profile.pk])
    page = alice_client.get(detail).content.decode()
    prepare = f"{reverse('target_create')}?pharma={pharma_org.pk}"
    assert prepare in page

    form = alice_client.get(prepare).context["form"]
    assert form.initial["pharma"] == pharma_org.pk and form.initial["name"] == "Pharma Lab"
    response = alice_client.post(reverse("target_create"), _target(pharma=pharma_org.pk))
    target = TargetCompany.objects.get()
    assert target.pharma == pharma_org

    assessment = assessment_for_target(target=target, user=alice)
    answer_all(assessment, 2)
    snapshot = assessment_submit(assessment=assessment, user=alice)
    page = alice_client.get(detail).content.decode()
    assert reverse("dossier_submit", args=[snapshot.uuid]) in page
    assert response.status_code == 302
