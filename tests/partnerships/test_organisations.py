"""A founder creates the organisation and invites co-founders; pharma admins use the same pages."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.models import Invitation, Membership, Organisation, StartupProfile, User

pytestmark = pytest.mark.django_db


def test_a_new_user_is_sent_to_create_an_organisation(client, homeless_user):
    client.force_login(homeless_user)
    assert client.get(reverse("dashboard"))["Location"] == reverse("organisation_create")


def test_creating_a_startup_makes_the_user_its_admin_and_opens_the_profile(client, homeless_user):
    client.force_login(homeless_user)
    response = client.post(reverse("organisation_create"), {"name": "CardioSuivi", "kind": "startup"})
    assert response["Location"] == reverse("startup_profile")
    membership = Membership.objects.get(user=homeless_user)
    assert membership.is_admin and membership.organisation.is_startup
    assert StartupProfile.objects.filter(organisation=membership.organisation).exists()


def test_organisation_needs_a_name(client, homeless_user):
    client.force_login(homeless_user)
    response = client.post(reverse("organisation_create"), {"name": "  ", "kind": "startup"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Organisation.objects.exists()


def test_members_page_lists_the_team(client, alice, bob):
    client.force_login(bob)
    content = client.get(reverse("organisation_members")).content.decode()
    assert "alice@cardio.test" in content and "bob@cardio.test" in content
    assert 'id="invite-form"' not in content  # only admins invite


def test_admin_invites_by_email_and_the_invited_person_joins_with_a_new_account(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):  # e-mails leave after the commit
        response = client.post(reverse("organisation_members"), {"email": "Carol@Cardio.test", "role": "member"})
    assert response["Location"] == reverse("organisation_members")
    invitation = Invitation.objects.get(email="carol@cardio.test")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert invitation.token in link

    client.logout()
    path = link.split("testserver", 1)[1]
    response = client.post(path, {"first_name": "Carol", "last_name": "", "password1": "a-good-long-passphrase"})
    assert response.status_code == 302
    carol = User.objects.get(email="carol@cardio.test")
    assert carol.membership.organisation == alice.membership.organisation
    assert carol.membership.role == "member"
    # Carol sees the same data as Alice: the startup dashboard.
    assert client.get(reverse("dashboard"))["Location"] == reverse("startup_dashboard")


def test_an_existing_user_without_organisation_accepts_when_logged_in(client, alice, homeless_user):
    invitation = Invitation.objects.create(
        organisation=alice.membership.organisation, email=homeless_user.email, invited_by=alice
    )
    client.force_login(homeless_user)
    assert client.get(reverse("invitation_accept", args=[invitation.token])).status_code == 200
    client.post(reverse("invitation_accept", args=[invitation.token]))
    homeless_user.refresh_from_db()
    assert homeless_user.membership.organisation == alice.membership.organisation
    # The link cannot be used twice.
    assert client.get(reverse("invitation_accept", args=[invitation.token])).status_code == 410


def test_a_member_who_is_not_admin_cannot_invite(client, bob):
    client.force_login(bob)
    response = client.post(reverse("organisation_members"), {"email": "eve@x.test", "role": "admin"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_invitation_errors_keep_what_was_typed(client, alice):
    client.force_login(alice)
    response = client.post(reverse("organisation_members"), {"email": "bob@", "role": "member"})
    assert response.status_code == 200
    assert 'value="bob@"' in response.content.decode()
    assert response.context["form"].errors["email"]


def test_admin_removes_a_member_but_not_another_organisations(client, alice, bob, charlie):
    client.force_login(alice)
    assert client.post(reverse("member_remove", args=[charlie.membership.pk])).status_code == 404
    client.post(reverse("member_remove", args=[bob.membership.pk]))
    assert not Membership.objects.filter(user=bob).exists()


def test_pharma_admins_use_the_same_members_page_and_can_invite_reviewers(client, pharma_user):
    client.force_login(pharma_user)
    response = client.get(reverse("organisation_members"))
    assert response.status_code == 200
    assert "reviewer" in dict(response.context["form"].fields["role"].choices)
    client.post(reverse("organisation_members"), {"email": "rev@pharma.test", "role": "reviewer"})
    assert Invitation.objects.get(email="rev@pharma.test").organisation == pharma_user.membership.organisation


def test_startups_cannot_invite_reviewers(client, alice):
    client.force_login(alice)
    form = client.get(reverse("organisation_members")).context["form"]
    assert "reviewer" not in dict(form.fields["role"].choices)


def test_an_invitation_only_works_for_the_address_it_was_sent_to(client, alice, homeless_user):
    invitation = Invitation.objects.create(
        organisation=alice.membership.organisation, email="someone.else@cardio.test", invited_by=alice
    )
    client.force_login(homeless_user)
    assert client.post(reverse("invitation_accept", args=[invitation.token])).status_code == 403
    assert not Membership.objects.filter(user=homeless_user).exists()
