"""Verified pharma companies: a new company is invisible to startups until staff verify it; identifiers are checked;
decisions are dated, audited and e-mailed; publishing needs the essential commitments; invitations outside the
declared e-mail domains are flagged.

Cast: Nina creates "Labo Nouveau" (a new pharma company); Alice runs the startup CardioSuivi; the staff user decides.
"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships.identifiers import validate_legal_identifier
from partnerships.models import AuditEvent, Organisation, OrganisationIdentity
from partnerships.services.organisations import organisation_create
from partnerships.services.trust import identity_update, organisation_verification_decide
from tests.factories import UserFactory

COMPLETE_PROFILE = {
    "description": "Équipe open innovation.",
    "level": "affiliate",
    "entry_point": "innovation@labo.example",
    "decision_makers": "Directeur open innovation",
    "decision_milestones": "Comité innovation (S4)",
    "typical_decision_weeks": 8,
    "budget_ranges": "50-150 k€",
    "partnership_modes": ["co_development"],
    "needs": ["data_collection"],
    "referent_name": "Claire Martin",
    "referent_email": "claire@labo.example",
    "is_published": "on",
}


@pytest.mark.parametrize(
    "value, expected",
    [
        ("552 032 534", "552032534"),  # SIREN with spaces
        ("73282932000074", "73282932000074"),  # SIRET
        ("356 000 000 00048", "35600000000048"),  # La Poste's head office (Luhn key valid)
        ("35600000049837", "35600000049837"),  # a La Poste establishment: sum of digits multiple of 5
    ],
)
def test_valid_siren_and_siret_are_accepted_and_normalised(value, expected):
    assert validate_legal_identifier(value) == expected


@pytest.mark.parametrize(
    "value, code",
    [
        ("55203253", "identifier_format"),
        ("5520325345", "identifier_format"),
        ("ABCDEFGHI", "identifier_format"),
        ("552032535", "identifier_key"),
        ("73282932000075", "identifier_key"),
    ],
)
def test_malformed_or_wrong_key_identifiers_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as error:
        validate_legal_identifier(value)
    assert error.value.code == code


@pytest.fixture
def nina(db):
    return UserFactory(email="nina@labo-nouveau.example", first_name="Nina")


@pytest.fixture
def new_pharma(nina):
    organisation = organisation_create(name="Labo Nouveau", kind=Organisation.Kind.PHARMA, admin=nina)
    return organisation


def test_a_new_pharma_company_is_unverified_and_says_what_to_do(client, nina, new_pharma):
    assert new_pharma.identity.status == OrganisationIdentity.Status.PENDING
    client.force_login(nina)
    page = client.get(reverse("pharma_dashboard")).content.decode()
    assert "Votre organisation n'est pas encore vérifiée." in page
    assert reverse("organisation_identity") in page


def test_an_unverified_company_cannot_publish_and_is_told_what_is_missing(client, nina, new_pharma):
    client.force_login(nina)
    response = client.post(reverse("pharma_profile"), {**COMPLETE_PROFILE, "decision_makers": "", "referent_name": ""})
    assert response.status_code == 200
    form = response.context["form"]
    error = " ".join(form.errors["is_published"])
    assert "vérification" in error and "décideurs" in error and "référent" in error
    new_pharma.pharma_profile.refresh_from_db()
    assert not new_pharma.pharma_profile.is_published


def test_the_profile_page_lists_what_publication_still_needs(client, nina, new_pharma):
    client.force_login(nina)
    page = client.get(reverse("pharma_profile")).content.decode()
    assert 'id="publish-readiness"' in page
    assert "modes de partenariat" in page


def test_the_service_refuses_to_publish_an_incomplete_profile_even_when_verified(nina, new_pharma, staff_user):
    from partnerships.services.pharma import pharma_profile_update

    identity_update(organisation=new_pharma, user=nina, legal_identifier="552032534", website="https://labo.example")
    organisation_verification_decide(organisation=new_pharma, staff=staff_user, verified=True)
    profile = new_pharma.pharma_profile
    with pytest.raises(ValidationError):
        pharma_profile_update(profile=profile, data={"is_published": True}, therapeutic_areas=[], user=nina)
    data = {k: v for k, v in COMPLETE_PROFILE.items() if k != "is_published"}
    pharma_profile_update(profile=profile, data={**data, "is_published": True}, therapeutic_areas=[], user=nina)
    profile.refresh_from_db()
    assert profile.is_published


def test_an_unverified_company_is_invisible_to_startups_and_receives_no_dossier(client, alice, snapshot, new_pharma):
    # Even published by a direct write, an unverified company stays out of every startup's reach.
    profile = new_pharma.pharma_profile
    for name, value in COMPLETE_PROFILE.items():
        setattr(profile, name, True if name == "is_published" else value)
    profile.save()
    client.force_login(alice)
    assert "Labo Nouveau" not in client.get(reverse("directory")).content.decode()
    assert client.get(reverse("directory_detail", args=[profile.pk])).status_code == 404
    form_page = client.get(reverse("dossier_submit", args=[snapshot.uuid])).content.decode()
    assert "Labo Nouveau" not in form_page
    forged = client.post(
        reverse("dossier_submit", args=[snapshot.uuid]), {"pharma": new_pharma.pk, "cover_message": "Bonjour"}
    )
    assert forged.status_code == 400
    assert not new_pharma.dossiers_received.exists()


def test_the_submit_service_refuses_an_unverified_company(alice, snapshot, new_pharma):
    from partnerships.services.dossiers import DossierError, dossier_submit

    new_pharma.pharma_profile.is_published = True
    new_pharma.pharma_profile.save()
    with pytest.raises(DossierError, match="vérifiée"):
        dossier_submit(user=alice, snapshot=snapshot, pharma=new_pharma, cover_message="Bonjour", notify=False)


def test_the_company_asks_for_verification_with_a_valid_identifier(client, nina, new_pharma):
    client.force_login(nina)
    bad = client.post(
        reverse("organisation_identity"),
        {"legal_identifier": "552 032 535", "website": "https://labo.example", "email_domains": "labo.example"},
    )
    assert bad.status_code == 400
    assert "La clé de contrôle de ce numéro est fausse" in bad.content.decode()
    good = client.post(
        reverse("organisation_identity"),
        {"legal_identifier": "552 032 534", "website": "labo.example", "email_domains": "@Labo.example, labo.fr"},
    )
    assert good.status_code == 302
    identity = OrganisationIdentity.objects.get(organisation=new_pharma)
    assert (identity.legal_identifier, identity.website) == ("552032534", "https://labo.example")
    assert identity.domains == ["labo.example", "labo.fr"]
    assert identity.requested_at is not None and identity.status == "pending"
    assert AuditEvent.objects.filter(organisation=new_pharma, action="verification_requested").exists()


def test_a_startup_gives_an_optional_siren_checked_when_given(client, alice):
    client.force_login(alice)
    assert client.post(reverse("organisation_identity"), {"legal_identifier": ""}).status_code == 302
    assert client.post(reverse("organisation_identity"), {"legal_identifier": "123456789"}).status_code == 400
    assert client.post(reverse("organisation_identity"), {"legal_identifier": "552032534"}).status_code == 302
    assert alice.membership.organisation.identity.legal_identifier == "552032534"
    assert alice.membership.organisation.identity.status == "pending"  # startups are identified, never queued
    assert alice.membership.organisation.identity.requested_at is None


def test_a_member_reads_the_identity_but_only_admins_change_it(client, bob):
    client.force_login(bob)
    assert client.get(reverse("organisation_identity")).status_code == 200
    assert client.post(reverse("organisation_identity"), {"legal_identifier": "552032534"}).status_code == 403


def test_staff_see_pending_requests_with_the_facts_they_check(client, staff_user, nina, new_pharma, paula):
    identity_update(
        organisation=new_pharma,
        user=nina,
        legal_identifier="552032534",
        website="https://labo-nouveau.example",
        email_domains="labo-nouveau.example",
    )
    client.force_login(staff_user)
    page = client.get(reverse("staff_verifications")).content.decode()
    assert "Labo Nouveau" in page and "552032534" in page and "https://labo-nouveau.example" in page
    assert "labo-nouveau.example" in page and "nina@labo-nouveau.example" in page
    assert "Pharma Lab" not in page  # already verified: not in the queue


def test_staff_verify_a_company_dated_audited_and_emailed_to_its_admins(
    client, staff_user, nina, new_pharma, django_capture_on_commit_callbacks
):
    identity_update(organisation=new_pharma, user=nina, legal_identifier="552032534", website="https://l.example")
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff_verification_decide", args=[new_pharma.pk]), {"decision": "verify"})
    assert response.status_code == 302
    identity = OrganisationIdentity.objects.get(organisation=new_pharma)
    assert identity.status == "verified" and identity.decided_by == staff_user and identity.decided_at
    assert AuditEvent.objects.filter(organisation=new_pharma, action="organisation_verified", actor=staff_user).exists()
    assert [m.to for m in mail.outbox] == [["nina@labo-nouveau.example"]]
    assert "vérifiée" in mail.outbox[0].subject.lower()
    page = client.get(reverse("staff_verifications")).content.decode()
    assert f'id="request-{new_pharma.pk}"' not in page and 'id="verifications-empty"' in page


def test_a_rejection_needs_a_reason_which_is_emailed_and_the_company_may_ask_again(
    client, staff_user, nina, new_pharma, django_capture_on_commit_callbacks
):
    identity_update(organisation=new_pharma, user=nina, legal_identifier="552032534", website="https://l.example")
    client.force_login(staff_user)
    url = reverse("staff_verification_decide", args=[new_pharma.pk])
    client.post(url, {"decision": "reject", "reason": ""})
    assert OrganisationIdentity.objects.get(organisation=new_pharma).status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "reason": "Le SIREN ne correspond pas au site."})
    identity = OrganisationIdentity.objects.get(organisation=new_pharma)
    assert identity.status == "rejected"
    assert "Le SIREN ne correspond pas au site." in mail.outbox[0].body
    assert AuditEvent.objects.filter(organisation=new_pharma, action="organisation_rejected").exists()
    client.force_login(nina)
    assert "Le SIREN ne correspond pas au site." in client.get(reverse("pharma_dashboard")).content.decode()
    client.post(reverse("organisation_identity"), {"legal_identifier": "732829320", "website": "https://l.example"})
    identity.refresh_from_db()
    assert identity.status == "pending" and identity.legal_identifier == "732829320"


def test_a_verified_identifier_no_longer_changes(nina, new_pharma, staff_user):
    identity_update(organisation=new_pharma, user=nina, legal_identifier="552032534", website="https://l.example")
    organisation_verification_decide(organisation=new_pharma, staff=staff_user, verified=True)
    with pytest.raises(ValidationError):
        identity_update(organisation=new_pharma, user=nina, legal_identifier="732829320", website="https://l.example")


def test_staff_verify_and_reject_from_the_admin(client, staff_user, nina, new_pharma, pharma_org):
    staff_user.is_superuser = True
    staff_user.save()
    identity_update(organisation=new_pharma, user=nina, legal_identifier="552032534", website="https://l.example")
    client.force_login(staff_user)
    changelist = reverse("admin:partnerships_organisationidentity_changelist")
    identity = new_pharma.identity
    asked = client.post(changelist, {"action": "reject", "_selected_action": [identity.pk]})
    assert asked.status_code == 200 and b"reason" in asked.content
    client.post(
        changelist,
        {"action": "reject", "_selected_action": [identity.pk], "confirm": "1", "reason": "Site inconnu."},
    )
    identity.refresh_from_db()
    assert (identity.status, identity.reason) == ("rejected", "Site inconnu.")
    client.post(changelist, {"action": "verify", "_selected_action": [identity.pk]})
    identity.refresh_from_db()
    assert identity.status == "verified" and identity.decided_by == staff_user


def test_only_staff_decide(nina, new_pharma):
    with pytest.raises(ValidationError):
        organisation_verification_decide(organisation=new_pharma, staff=nina, verified=True)


def test_an_invitation_outside_the_declared_domains_is_flagged_to_the_admins(client, paula, pharma_org):
    identity = pharma_org.identity
    identity.email_domains = "pharmalab.test"
    identity.save()
    client.force_login(paula)
    form_page = client.get(reverse("organisation_members")).content.decode()
    assert 'id="invite-domains"' in form_page and "pharmalab.test" in form_page
    inside = client.post(
        reverse("organisation_members"), {"email": "leo@pharmalab.test", "role": "reviewer"}, follow=True
    )
    assert "en dehors de vos domaines" not in inside.content.decode()
    outside = client.post(reverse("organisation_members"), {"email": "eve@gmail.example", "role": "admin"}, follow=True)
    page = outside.content.decode()
    assert "eve@gmail.example" in page
    assert page.count("invitation-flag") == 1  # only Eve's invitation is flagged
    assert "en dehors de vos domaines" in page


def test_verified_badge_in_the_directory_and_on_the_startups_dossier_pages(client, alice, dossier, pharma_org):
    client.force_login(alice)
    for url in (
        reverse("directory"),
        reverse("directory_detail", args=[pharma_org.pharma_profile.pk]),
        reverse("startup_dossiers"),
        reverse("startup_dossier_detail", args=[dossier.uuid]),
    ):
        assert "verified-badge" in client.get(url).content.decode(), url


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_verified_badges_cost_no_query_per_company(client, alice, snapshot, pharma_org, oscar):
    from partnerships.services.dossiers import dossier_submit
    from tests.factories import PharmaFactory

    client.force_login(alice)
    dossier_submit(user=alice, snapshot=snapshot, pharma=pharma_org, cover_message="Bonjour", notify=False)
    directory_one, sent_one = _queries(client, reverse("directory")), _queries(client, reverse("startup_dossiers"))
    for index in range(3):
        company = PharmaFactory(name=f"Labo {index}")
        company.pharma_profile.is_published = True
        company.pharma_profile.save()
        dossier_submit(user=alice, snapshot=snapshot, pharma=company, cover_message="Bonjour", notify=False)
    assert _queries(client, reverse("directory")) == directory_one
    assert _queries(client, reverse("startup_dossiers")) == sent_one
