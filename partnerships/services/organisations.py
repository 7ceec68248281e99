"""Writes on organisations and their members."""

from django.db import transaction
from django.utils import timezone

from ..models import Invitation, Membership, Organisation, OrganisationIdentity, PharmaProfile, StartupProfile, User
from ..models.organisations import _token as new_invitation_token
from .audit import audit_record


class MembershipError(Exception):
    """A user cannot join or leave an organisation this way; the message says why."""


@transaction.atomic
def organisation_create(*, name: str, kind: str, admin: User) -> Organisation:
    """Create a startup or pharma organisation with `admin` as its first administrator and an empty profile."""
    if hasattr(admin, "membership"):
        raise MembershipError("This account already belongs to an organisation.")
    organisation = Organisation(name=name.strip(), kind=kind)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=admin, organisation=organisation, role=Membership.Role.ADMIN)
    if organisation.is_startup:
        StartupProfile.objects.create(organisation=organisation)
    else:
        PharmaProfile.objects.create(organisation=organisation)
        # Unverified until staff check it; the row lists it in the admin's verification queue at once.
        OrganisationIdentity.objects.create(organisation=organisation)
    return organisation


@transaction.atomic
def member_invite(*, organisation: Organisation, email: str, role: str, invited_by: User) -> Invitation:
    invitation = Invitation(organisation=organisation, email=email.strip().lower(), role=role, invited_by=invited_by)
    invitation.full_clean()
    invitation.save()
    audit_record(organisation=organisation, actor=invited_by, action="member_invited", description=invitation.email)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    if invitation.accepted_at is not None:
        raise MembershipError("This invitation has already been used.")
    if invitation.is_expired:
        raise MembershipError("This invitation has expired.")
    if hasattr(user, "membership"):
        raise MembershipError("This account already belongs to an organisation.")
    membership = Membership.objects.create(user=user, organisation=invitation.organisation, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def member_remove(*, membership: Membership, removed_by: User) -> None:
    organisation = membership.organisation
    admins = organisation.memberships.filter(role=Membership.Role.ADMIN)
    if membership.is_admin and admins.count() == 1:
        raise MembershipError("An organisation keeps at least one administrator.")
    audit_record(organisation=organisation, actor=removed_by, action="member_removed", description=str(membership.user))
    membership.delete()


def invitation_email_send(*, invitation: Invitation, base_url: str = "", language: str | None = None) -> None:
    """E-mail the invitation link, after commit, in `language` (the inviter's: the invitee has no account yet)."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import get_language, gettext_noop

    from .mail import mail_language, mail_send

    language = mail_language(language or get_language())
    with translation.override(language):
        url = (base_url or settings.SITE_URL).rstrip("/") + reverse("invitation_accept", args=[invitation.token])
    mail_send(
        to=invitation.email,
        language=language,
        subject=gettext_noop("%(name)s invites you to prepare pharma partnerships"),
        subject_params={"name": invitation.organisation.name},
        template="partnerships/organisations/invitation_email.txt",
        context={"invitation": invitation, "url": url},
    )


@transaction.atomic
def invitation_resend(*, invitation: Invitation, resent_by: User) -> Invitation:
    """A new link with a new lifetime: the old link stops working (it may have been forwarded meanwhile)."""
    if invitation.accepted_at is not None:
        raise MembershipError("This invitation has already been used.")
    invitation.token = new_invitation_token()
    invitation.sent_at = timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["token", "sent_at"])
    audit_record(
        organisation=invitation.organisation, actor=resent_by, action="invitation_resent", description=invitation.email
    )
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, cancelled_by: User) -> None:
    """Delete a pending invitation (its link stops working) and say so in the organisation's audit trail."""
    if invitation.accepted_at is not None:
        raise MembershipError("This invitation has already been used.")
    audit_record(
        organisation_id=invitation.organisation_id,
        actor=cancelled_by,
        action="invitation_cancelled",
        description=invitation.email,
    )
    invitation.delete()
