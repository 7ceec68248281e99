"""Re-send an invitation (a new link with a new lifetime); the access check shared with cancelling one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..membership import membership_of
from ..models import Invitation
from ..selectors.organisations import pending_invitation_of
from ..services import organisations as services


def pending_invitation_to_manage(request, pk: int) -> Invitation:
    """A pending invitation of the user's organisation (else 404), if the user administers it (else 403)."""
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    try:
        invitation = pending_invitation_of(membership.organisation, pk)
    except Invitation.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("partnerships.manage_members", membership.organisation):
        raise PermissionDenied
    return invitation


@login_required
@require_POST
def invitation_resend(request, pk: int):
    invitation = pending_invitation_to_manage(request, pk)
    services.invitation_resend(invitation=invitation, resent_by=request.user)
    services.invitation_email_send(invitation=invitation, base_url=request.build_absolute_uri("/"))
    messages.success(request, _("Invitation sent again to %(email)s.") % {"email": invitation.email})
    return redirect("organisation_members")
