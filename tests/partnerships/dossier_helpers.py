"""Fixtures of the dossier tests: a startup with a submitted assessment, and two pharma companies' teams.

Roles follow healthchecks' alice / bob / charlie: Alice (CardioSuivi) submits; Charlie runs another startup;
Rita reviews and Paula administers for Pharma Lab, which receives the dossier; Oscar works for another pharma.
"""

import pytest
from django.core.files.base import ContentFile

from partnerships.models import Invitation, Membership, Report
from partnerships.services.dossiers import dossier_submit
from tests.factories import MembershipFactory, PharmaFactory, UserFactory, answered_snapshot


@pytest.fixture
def pharma_org(db):
    organisation = PharmaFactory(name="Pharma Lab")
    organisation.pharma_profile.is_published = True
    organisation.pharma_profile.save()
    return organisation


@pytest.fixture
def paula(pharma_org):
    """Administrator of the pharma company's open-innovation team."""
    return MembershipFactory(
        organisation=pharma_org,
        role=Membership.Role.ADMIN,
        user__email="paula@pharmalab.test",
        user__first_name="Paula",
    ).user


@pytest.fixture
def rita(pharma_org):
    """Reviewer in the same team."""
    return MembershipFactory(
        organisation=pharma_org,
        role=Membership.Role.REVIEWER,
        user__email="rita@pharmalab.test",
        user__first_name="Rita",
    ).user


@pytest.fixture
def oscar(db):
    """Administrator of another pharma company: must never see Pharma Lab's dossiers."""
    other = PharmaFactory(name="Other Pharma")
    other.pharma_profile.is_published = True
    other.pharma_profile.save()
    return MembershipFactory(organisation=other, role=Membership.Role.ADMIN, user__email="oscar@other.test").user


@pytest.fixture
def staff_user(db):
    return UserFactory(email="staff@platform.test", is_staff=True)


@pytest.fixture
def snapshot(framework, assessment, alice):
    """Alice's submitted assessment for her meeting with Sanofi France."""
    return answered_snapshot(assessment=assessment, user=alice, default_level=2)


@pytest.fixture
def dossier(snapshot, alice, pharma_org, paula, rita):
    return dossier_submit(
        user=alice,
        snapshot=snapshot,
        pharma=pharma_org,
        cover_message="Nous cherchons un partenaire pour une étude en vie réelle.",
        notify=False,
    )


@pytest.fixture
def world(media, alice, bob, charlie, rita, paula, oscar, staff_user, target, assessment, snapshot):
    """Alice's startup with a submitted assessment, its ready report, and a dossier sent to Pharma Lab."""
    report = Report.objects.create(snapshot=snapshot, language="fr", status=Report.Status.READY)
    report.file.save("report.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    dossier = dossier_submit(
        user=alice, snapshot=snapshot, pharma=rita.membership.organisation, cover_message="Bonjour", notify=False
    )
    invitation = Invitation.objects.create(
        organisation=alice.membership.organisation, email="newcomer@cardio.test", invited_by=alice
    )
    MembershipFactory(organisation=rita.membership.organisation, role=Membership.Role.MEMBER)
    pharma_profile = rita.membership.organisation.pharma_profile
    pharma_profile.is_published = True
    pharma_profile.save()
    return {
        "pharma_profile": pharma_profile,
        "target": target,
        "assessment": assessment,
        "snapshot": snapshot,
        "report": report,
        "dossier": dossier,
        "invitation": invitation,
        "bob_membership": bob.membership,
    }
