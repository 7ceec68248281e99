"""Create an organisation, see its members, invite people, accept an invitation. Startups and pharma alike."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..backends import MEMBER_BACKEND
from ..forms.organisations import InvitationForm, InvitationSignupForm, OrganisationForm
from ..membership import membership_of
from ..models import Invitation, Membership, User
from ..selectors.trust import identity_of, outside_domains
from ..services import organisations as services
from ..services.accounts import user_create_invited
from ..services.organisations import MembershipError
from .invitations import pending_invitation_to_manage


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if hasattr(request.user, "membership"):
        return redirect("dashboard")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.organisation_create(name=form.cleaned_data["name"], kind=form.cleaned_data["kind"], admin=request.user)
        messages.success(request, _("Your organisation is created."))
        if form.cleaned_data["kind"] == "startup":
            return redirect("startup_profile")
        return redirect("dashboard")
    return render(request, "partnerships/organisations/create.html", {"form": form})


def _membership(request):
    return membership_of(request.user)


@login_required
@require_http_methods(["GET", "POST"])
def members(request):
    """Everyone sees who is in the team; administrators invite and remove."""
    membership = _membership(request)
    if membership is None:
        return redirect("organisation_create")
    organisation = membership.organisation
    can_manage = request.user.has_perm("partnerships.manage_members", organisation)
    identity = identity_of(organisation)
    form = InvitationForm(request.POST or None, organisation=organisation) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            invitation = services.member_invite(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
            services.invitation_email_send(invitation=invitation, base_url=request.build_absolute_uri("/"))
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            if outside_domains(identity, invitation.email):
                messages.warning(
                    request,
                    _("%(email)s is outside your declared e-mail domains: check that this person works for you.")
                    % {"email": invitation.email},
                )
            return redirect("organisation_members")
    context = {
        "organisation": organisation,
        "memberships": organisation.memberships.select_related("user").order_by("joined_at"),
        "invitations": organisation.invitations.filter(accepted_at__isnull=True).select_related("invited_by"),
        "can_manage": can_manage,
        "form": form,
        "identity": identity,
    }
    return render(request, "partnerships/organisations/members.html", context)


@login_required
@require_POST
def member_remove(request, pk: int):
    membership = _membership(request)
    if membership is None:
        raise Http404
    target = get_object_or_404(Membership.objects.select_related("user"), pk=pk, organisation=membership.organisation)
    if not request.user.has_perm("partnerships.manage_members", membership.organisation):
        raise PermissionDenied
    try:
        services.member_remove(membership=target, removed_by=request.user)
    except MembershipError:
        messages.error(request, _("An organisation keeps at least one administrator."))
    else:
        messages.success(request, _("%(name)s no longer belongs to the organisation.") % {"name": target.user})
    return redirect("organisation_members")


@login_required
@require_POST
def invitation_cancel(request, pk: int):
    invitation = pending_invitation_to_manage(request, pk)
    services.invitation_cancel(invitation=invitation, cancelled_by=request.user)
    messages.success(request, _("Invitation cancelled."))
    return redirect("organisation_members")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Join with the current account, or create one: the link in the e-mail proves the address."""
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    context = {"invitation": invitation}
    if invitation.accepted_at is not None:
        return render(request, "partnerships/organisations/invitation_used.html", context, status=410)
    if invitation.is_expired:
        return render(request, "partnerships/organisations/invitation_expired.html", context, status=410)
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            # The link was sent to one address: only the account with that address may use it.
            context["wrong_account"] = True
            return render(request, "partnerships/organisations/invitation_accept.html", context, status=403)
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=request.user)
            except MembershipError:
                messages.error(request, _("This account already belongs to an organisation."))
                return redirect("dashboard")
            messages.success(request, _("You joined %(name)s.") % {"name": invitation.organisation})
            return redirect("dashboard")
        context["already_member"] = hasattr(request.user, "membership")
        return render(request, "partnerships/organisations/invitation_accept.html", context)
    if User.objects.filter(email__iexact=invitation.email).exists():
        context["needs_login"] = True
        return render(request, "partnerships/organisations/invitation_accept.html", context)
    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = user_create_invited(
            email=invitation.email,
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        services.invitation_accept(invitation=invitation, user=user)
        login(request, user, backend=MEMBER_BACKEND)
        messages.success(request, _("You joined %(name)s.") % {"name": invitation.organisation})
        return redirect("dashboard")
    context["form"] = form
    return render(request, "partnerships/organisations/invitation_accept.html", context)
