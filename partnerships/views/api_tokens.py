"""API tokens of the organisation: its admins create them (the secret is shown once) and revoke them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.api_tokens import ApiTokenForm
from ..membership import membership_of
from ..models import Organisation
from ..selectors.api_tokens import api_tokens_of
from ..selectors.dossiers import pharma_members
from ..services.api_tokens import api_token_create, api_token_revoke
from .access import refuse


def _managed_organisation(request: HttpRequest, *, object_url: bool = False) -> Organisation:
    membership = membership_of(request.user)
    if membership is None or not request.user.has_perm("partnerships.manage_api_tokens", membership.organisation):
        refuse(object_url=object_url)
    return membership.organisation


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    organisation = _managed_organisation(request)
    members = pharma_members(organisation)
    form = ApiTokenForm(request.POST or None, members=members, initial={"user": request.user.pk})
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            created = api_token_create(
                organisation=organisation,
                created_by=request.user,
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_on=form.cleaned_data["expires_on"],
            )
            form = ApiTokenForm(
                members=members, initial={"user": request.user.pk}
            )  # the page shows the secret once: never redirect it into a URL or the session
        else:
            status = 400
    context = {"organisation": organisation, "form": form, "created": created, "tokens": api_tokens_of(organisation)}
    response = render(request, "partnerships/organisations/api_tokens.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _managed_organisation(request, object_url=True)
    token = get_object_or_404(api_tokens_of(organisation), pk=pk)
    api_token_revoke(token=token, user=request.user)
    messages.success(request, _("Token “%(name)s” revoked: it no longer opens the API.") % {"name": token.name})
    return redirect("api_tokens")
