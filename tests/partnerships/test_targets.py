"""The founder adds the pharma companies they are about to meet; each gets its own assessment."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import TargetCompany
from partnerships.services.assessments import assessment_for_target, assessment_submit
from tests.factories import TargetCompanyFactory

from .startup_helpers import answer_all

pytestmark = pytest.mark.django_db

TARGET = {
    "name": "Laboratoire Exemple France",
    "level": "head_office",
    "function": "marketing",
    "partnership_sought": ["co_promotion", "market_access"],
    "meeting_date": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
}


def test_adding_a_target_opens_its_assessment(alice_client, alice, framework):
    response = alice_client.post(reverse("target_create"), TARGET)
    target = TargetCompany.objects.get(name="Laboratoire Exemple France")
    assert target.organisation == alice.membership.organisation
    assert target.partnership_sought == ["co_promotion", "market_access"]
    assert response["Location"] == reverse("assessment_start", args=[target.pk])
    response = alice_client.get(response["Location"])
    assessment = target.assessments.get()
    assert response["Location"] == reverse("assessment_step", args=[assessment.pk, 1])


def test_target_errors_keep_what_was_typed(alice_client):
    response = alice_client.post(reverse("target_create"), {**TARGET, "name": "", "meeting_date": "15/13/2026"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] and form.errors["meeting_date"]
    assert 'value="15/13/2026"' in response.content.decode()
    assert not TargetCompany.objects.exists()


def test_editing_a_target(alice_client, target):
    response = alice_client.post(reverse("target_update", args=[target.pk]), {**TARGET, "name": "Sanofi"})
    assert response["Location"] == reverse("target_list")
    target.refresh_from_db()
    assert (target.name, target.level) == ("Sanofi", "head_office")


def test_another_organisations_target_is_a_404(client, charlie, target):
    client.force_login(charlie)
    assert client.get(reverse("target_update", args=[target.pk])).status_code == 404
    assert client.post(reverse("target_update", args=[target.pk]), TARGET).status_code == 404
    assert "Sanofi France" not in client.get(reverse("target_list")).content.decode()


def test_a_co_founder_sees_and_edits_the_same_targets(client, bob, target):
    client.force_login(bob)
    assert "Sanofi France" in client.get(reverse("target_list")).content.decode()
    assert client.get(reverse("target_update", args=[target.pk])).status_code == 200


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_target_list_queries_do_not_grow_with_targets(alice_client, alice, framework):
    organisation = alice.membership.organisation

    def prepared_target():
        assessment = assessment_for_target(target=TargetCompanyFactory(organisation=organisation), user=alice)
        answer_all(assessment, 2, step_number=1)
        assessment_submit(assessment=assessment, user=alice)

    prepared_target()
    one = _queries(alice_client, reverse("target_list"))
    for _ in range(5):
        prepared_target()
    assert _queries(alice_client, reverse("target_list")) == one
