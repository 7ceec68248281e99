"""The founder describes the startup; those facts decide which items of the guide apply."""

import pytest
from django.urls import reverse

from partnerships.models import TherapeuticArea
from partnerships.selectors.assessments import step_page

pytestmark = pytest.mark.django_db

PROFILE = {
    "description": "Télésurveillance de l'insuffisance cardiaque",
    "website": "https://cardiosuivi.example",
    "maturity": "clinical_validation",
    "is_medical_device": "on",
    "device_class": "IIa",
    "has_ai": "on",
    "processes_health_data": "on",
    "business_models": ["remote_monitoring"],
    "target_users": ["patients", "professionals"],
    "team_size": "8",
    "cash_runway_months": "14",
    "support_structures": "Paris Santé Campus",
    "pharma_expectations": ["financing", "user_access"],
    "partnership_sought": ["co_promotion"],
}


def test_profile_saves_every_fact(alice_client, alice):
    cardio = TherapeuticArea.objects.get(code="cardiology")
    response = alice_client.post(reverse("startup_profile"), {**PROFILE, "therapeutic_areas": [cardio.code]})
    assert response.status_code == 302
    profile = alice.membership.organisation.startup_profile
    profile.refresh_from_db()
    assert profile.facts()["is_medical_device"] is True
    assert profile.device_class == "IIa"
    assert profile.business_models == ["remote_monitoring"]
    assert profile.pharma_expectations == ["financing", "user_access"]
    assert list(profile.therapeutic_areas.all()) == [cardio]
    assert (profile.team_size, profile.cash_runway_months) == (8, 14)


def test_a_medical_device_needs_its_class_and_the_input_is_kept(alice_client, alice):
    response = alice_client.post(reverse("startup_profile"), {**PROFILE, "device_class": "none"})
    assert response.status_code == 200
    assert response.context["form"].errors["device_class"]
    content = response.content.decode()
    assert 'value="Paris Santé Campus"' in content
    assert 'value="14"' in content
    alice.membership.organisation.startup_profile.refresh_from_db()
    assert alice.membership.organisation.startup_profile.is_medical_device is False


def test_a_bad_number_is_a_field_error(alice_client):
    response = alice_client.post(reverse("startup_profile"), {**PROFILE, "cash_runway_months": "-3"})
    assert response.status_code == 200
    assert response.context["form"].errors["cash_runway_months"]


def test_profile_facts_change_which_items_apply(alice_client, alice, assessment):
    step8 = assessment.framework.steps.get(number=8)
    facts_before = {"is_medical_device": False}
    before = step_page(assessment, step8, {**assessment.organisation.startup_profile.facts(), **facts_before})
    alice_client.post(reverse("startup_profile"), PROFILE)
    assessment.organisation.startup_profile.refresh_from_db()
    from partnerships.selectors.assessments import assessment_facts

    after = step_page(assessment, step8, assessment_facts(assessment))
    assert len(after.criteria) > len(before.criteria)
    assert len(after.excluded) < len(before.excluded)


def test_startup_pages_need_a_startup_membership(client, pharma_user, homeless_user):
    assert client.get(reverse("startup_profile"))["Location"].startswith(reverse("login"))
    client.force_login(homeless_user)
    assert client.get(reverse("startup_profile"))["Location"] == reverse("organisation_create")
    client.force_login(pharma_user)
    assert client.get(reverse("startup_profile")).status_code == 403
    assert client.get(reverse("target_list")).status_code == 403


def test_dashboard_of_a_startup_member(alice_client, target):
    response = alice_client.get(reverse("startup_dashboard"))
    assert response.status_code == 200
    assert "Sanofi France" in response.content.decode()


def _startup_urls(target, assessment) -> list[str]:
    return [
        reverse("startup_dashboard"),
        reverse("startup_profile"),
        reverse("target_list"),
        reverse("target_create"),
        reverse("target_update", args=[target.pk]),
        reverse("assessment_start", args=[target.pk]),
        reverse("assessment_step", args=[assessment.pk, 1]),
        reverse("assessment_results", args=[assessment.pk]),
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("alice", {200, 302}),  # owner: every page (the start page redirects to a step)
        ("bob", {200, 302}),  # team member: the same
        ("charlie", {200, 302, 404}),  # another startup: its own lists, 404 on Alice's objects
        ("pharma_user", {403, 404}),  # a pharma member: 403 on the startup lists, 404 on a startup's objects
    ],
)
def test_access_matrix_of_the_startup_screens(client, request, who, expected, target, assessment):
    client.force_login(request.getfixturevalue(who))
    statuses = {url: client.get(url).status_code for url in _startup_urls(target, assessment)}
    assert set(statuses.values()) <= expected, statuses
    if who == "charlie":
        object_urls = _startup_urls(target, assessment)[4:]
        assert {statuses[url] for url in object_urls} == {404}, statuses


def test_anonymous_visitors_are_sent_to_log_in(client, target, assessment):
    for url in _startup_urls(target, assessment):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
