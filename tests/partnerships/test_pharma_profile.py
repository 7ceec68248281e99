"""A pharma team publishes its commitments and sees how complete they are against the guide."""

import pytest
from django.urls import reverse

from partnerships.models import AuditEvent, TherapeuticArea
from partnerships.selectors.pharma import pharma_completeness

FULL_PROFILE = {
    "description": "Open innovation team of Pharma Lab.",
    "level": "head_office",
    "entry_point": "innovation@pharmalab.test",
    "decision_makers": "Head of open innovation; medical director",
    "decision_milestones": "Intro call, committee at week 4, contract at week 8",
    "typical_decision_weeks": "8",
    "budget_ranges": "Pilot: 50-150 k€; co-development: 300 k€+",
    "partnership_modes": ["co_promotion", "market_access"],
    "needs": ["data_collection"],
    "referent_name": "Claire Martin",
    "referent_email": "claire@pharmalab.test",
    "is_published": "on",
}


@pytest.fixture
def paula_client(client, paula):
    client.force_login(paula)
    return client


def test_an_admin_completes_and_publishes_the_profile_and_the_completeness_reaches_100(
    framework, paula_client, pharma_org
):
    cardiology = TherapeuticArea.objects.first()
    profile = pharma_org.pharma_profile
    before = pharma_completeness(profile).score

    response = paula_client.post(reverse("pharma_profile"), {**FULL_PROFILE, "therapeutic_areas": [cardiology.code]})

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.decision_makers.startswith("Head of open innovation")
    assert list(profile.therapeutic_areas.all()) == [cardiology]
    after = pharma_completeness(profile)
    assert after.score == 100 and after.missing == []
    assert before < after.score
    dashboard = paula_client.get(reverse("pharma_dashboard")).content.decode()
    assert 'id="completeness-score">100<' in dashboard


def test_the_dashboard_lists_the_commitments_still_missing_in_the_guides_words(framework, paula_client, pharma_org):
    profile = pharma_org.pharma_profile
    profile.decision_makers = "Head of open innovation"
    profile.save()
    completeness = pharma_completeness(profile)
    assert 0 < completeness.score < 100
    page = paula_client.get(reverse("pharma_dashboard")).content.decode()
    assert "préciser les budgets alloués au partenariat envisagé" in page  # PC-5 is missing
    assert "communiquer les interlocuteurs clés décisionnaires" not in page  # PC-3 is there


def test_a_slow_decision_process_lowers_the_agility_commitment(framework, pharma_org):
    profile = pharma_org.pharma_profile
    profile.typical_decision_weeks = 6
    fast = pharma_completeness(profile).score
    profile.typical_decision_weeks = 40
    slow = pharma_completeness(profile).score
    assert slow < fast


def test_bad_input_gets_a_field_message_and_keeps_what_was_typed(framework, paula_client, pharma_org):
    response = paula_client.post(
        reverse("pharma_profile"), {**FULL_PROFILE, "typical_decision_weeks": "900", "referent_email": "not-an-address"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Claire Martin" in page
    assert "260" in page  # the message on the weeks field
    pharma_org.pharma_profile.refresh_from_db()
    assert pharma_org.pharma_profile.referent_name == ""


def test_a_reviewer_reads_the_profile_but_cannot_change_it(framework, client, rita, pharma_org):
    client.force_login(rita)
    assert client.get(reverse("pharma_profile")).status_code == 200
    assert client.post(reverse("pharma_profile"), FULL_PROFILE).status_code == 403
    pharma_org.pharma_profile.refresh_from_db()
    assert pharma_org.pharma_profile.decision_makers == ""


def test_a_startup_member_cannot_open_the_pharma_screens(framework, alice_client):
    assert alice_client.get(reverse("pharma_dashboard")).status_code == 403
    assert alice_client.get(reverse("pharma_profile")).status_code == 403


def test_publishing_is_recorded_in_the_audit_trail(framework, paula_client, pharma_org):
    pharma_org.pharma_profile.is_published = False
    pharma_org.pharma_profile.save()
    paula_client.post(reverse("pharma_profile"), FULL_PROFILE)
    assert AuditEvent.objects.filter(organisation=pharma_org, action="profile_published").exists()
