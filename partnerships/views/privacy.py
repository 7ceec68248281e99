"""Data rights: the privacy page, the export of one's data, deleting one's account or organisation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms.privacy import AccountDeleteForm, OrganisationDeleteForm
from ..membership import membership_of
from ..services import privacy as services


@require_GET
def privacy(request):
    """What is held, what is deleted, what stays; open to everyone (the anonymous visitor too). Why an account
    cannot be deleted yet (the last administrator) is said on the deletion page, where it applies: this page,
    the smallest with the layout, reads nothing but the session and the user."""
    membership = membership_of(request.user)
    context = {
        "membership": membership,
        "can_delete_organisation": membership is not None
        and request.user.has_perm("partnerships.manage_members", membership.organisation),
        "retention_days": settings.LOGIN_HISTORY_RETENTION_DAYS,
    }
    return render(request, "partnerships/privacy/privacy.html", context)


@login_required
@require_POST
def privacy_export(request):
    archive = services.user_data_export(user=request.user)
    response = HttpResponse(archive, content_type="application/zip")
    filename = f"partnership-readiness-data-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    refusal = services.account_delete_refusal(user=request.user)
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and refusal is None and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted."))
        return redirect("home")
    status = 409 if refusal and request.method == "POST" else 200
    context = {"form": form, "refusal": refusal}
    return render(request, "partnerships/privacy/account_delete.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_delete(request):
    membership = membership_of(request.user)
    if membership is None or not request.user.has_perm("partnerships.manage_members", membership.organisation):
        raise PermissionDenied
    organisation = membership.organisation
    form = OrganisationDeleteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        name = organisation.name
        services.organisation_delete(organisation=organisation, user=request.user)
        messages.success(request, _("%(name)s and all its data are deleted.") % {"name": name})
        return redirect("home")
    return render(
        request, "partnerships/privacy/organisation_delete.html", {"form": form, "organisation": organisation}
    )
