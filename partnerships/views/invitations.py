"""Re-send an invitation: a new link with a new lifetime, for an administrator of the organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Invitation
from ..services import organisations as services


@login_required
@require_POST
def invitation_resend(request, pk: int):
    membership = getattr(request.user, "membership", None)
    if membership is None or not request.user.has_perm("partnerships.manage_members", membership.organisation):
        raise PermissionDenied
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"),
        pk=pk,
        organisation=membership.organisation,
        accepted_at__isnull=True,
    )
    services.invitation_resend(invitation=invitation, resent_by=request.user)
    services.invitation_email_send(invitation=invitation, base_url=request.build_absolute_uri("/"))
    messages.success(request, _("Invitation sent again to %(email)s.") % {"email": invitation.email})
    return redirect("organisation_members")
