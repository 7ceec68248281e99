"""Trust screens: an organisation's identity and verification, the staff's verification queue, and on a dossier
the startup's confidential part and the CDA both sides record before the pharma team may read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms.trust import CdaProposeForm, ConfidentialPartForm, IdentityForm, VerificationDecisionForm
from ..membership import membership_of
from ..models import ConfidentialPart, Dossier, Organisation
from ..selectors.trust import (
    confidential_part_for_pharma,
    confidential_part_of,
    dossier_trust,
    identity_of,
    verification_requests,
)
from ..services.dossiers import DossierError
from ..services.trust import (
    TrustError,
    cda_accept,
    cda_propose,
    cda_revoke,
    confidential_part_read,
    confidential_part_save,
    identity_update,
    organisation_verification_decide,
)
from .access import object_permission_required, organisation_of, pharma_member_required, startup_member_required
from .dossiers import _error_text, dossier_required, received_dossier_required, sent_dossier
from .kept_forms import keep_refused

# Audit trail lines recorded by services/trust.py, in words (see views/audit.py).
TRUST_ACTION_LABELS = {
    "verification_requested": gettext_lazy("Verification requested"),
    "organisation_verified": gettext_lazy("Organisation verified by our staff"),
    "organisation_rejected": gettext_lazy("Verification request rejected by our staff"),
    "confidential_part_saved": gettext_lazy("Confidential part of a dossier saved"),
    "confidential_part_read": gettext_lazy("Confidential part read by the pharma team"),
    "cda_proposed": gettext_lazy("CDA proposed"),
    "cda_accepted": gettext_lazy("CDA accepted: in force"),
    "cda_revoked": gettext_lazy("CDA revoked by the startup"),
}


@login_required
@require_http_methods(["GET", "POST"])
def organisation_identity(request: HttpRequest) -> HttpResponse:
    """Who the organisation is; for a pharma company, its verification request and standard CDA."""
    membership = membership_of(request.user)
    if membership is None:
        return redirect("organisation_create")
    organisation = membership.organisation
    editable = request.user.has_perm("partnerships.edit_identity", organisation)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    identity = identity_of(organisation)
    form = IdentityForm(request.POST or None, organisation=organisation, identity=identity, editable=editable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            identity = identity_update(
                organisation=organisation,
                user=request.user,
                legal_identifier=data.get("legal_identifier") or identity.legal_identifier,
                website=data.get("website", ""),
                email_domains=data.get("email_domains", ""),
                standard_cda=data.get("standard_cda", ""),
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("organisation_identity")
    context = {"form": form, "identity": identity, "organisation": organisation}
    return render(request, "partnerships/trust/identity.html", context, status=400 if form.errors else 200)


def staff_required(view):
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("partnerships.verify_organisations"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@staff_required
@require_GET
@never_cache
def staff_verifications(request: HttpRequest) -> HttpResponse:
    """Pharma companies waiting for verification, with what staff check."""
    context = {"requests": verification_requests(), "form": VerificationDecisionForm()}
    return render(request, "partnerships/trust/staff_verifications.html", context)


@staff_required
@require_POST
def staff_verification_decide(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk, kind=Organisation.Kind.PHARMA)
    form = VerificationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("Choose to verify or reject."))
        return redirect("staff_verifications")
    verified = form.cleaned_data["decision"] == "verify"
    try:
        organisation_verification_decide(
            organisation=organisation, staff=request.user, verified=verified, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, _("%(name)s: %(error)s") % {"name": organisation.name, "error": _error_text(error)})
    else:
        text = _("%(name)s is verified.") if verified else _("%(name)s is rejected.")
        messages.success(request, text % {"name": organisation.name})
    return redirect("staff_verifications")


# On a dossier


@startup_member_required
@require_http_methods(["GET", "POST"])
@object_permission_required(("partnerships.view_sent_dossier", "partnerships.edit_confidential_part"), sent_dossier)
def startup_dossier_confidential(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """The startup writes the confidential part of its dossier (read by the pharma team only under a CDA)."""
    part = confidential_part_of(dossier)
    form = ConfidentialPartForm(request.POST or None, instance=part)
    if request.method == "POST" and form.is_valid():
        try:
            confidential_part_save(user=request.user, dossier=dossier, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Confidential part saved. The pharma team reads it only under a CDA."))
            return redirect("startup_dossier_detail", uuid=dossier.uuid)
    context = {"dossier": dossier, "form": form, "trust": dossier_trust(dossier, request.user)}
    status = 400 if form.errors else 200
    return render(request, "partnerships/trust/confidential_edit.html", context, status=status)


@pharma_member_required
@require_GET
@never_cache
@received_dossier_required()
def pharma_dossier_confidential(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """The confidential part, for the pharma team, under a CDA in force; before it (or after a revocation), 404."""
    try:
        part = confidential_part_for_pharma(request.user, dossier)
    except ConfidentialPart.DoesNotExist as error:
        raise Http404 from error
    confidential_part_read(user=request.user, dossier=dossier)
    context = {"dossier": dossier, "part": part, "trust": dossier_trust(dossier, request.user)}
    return render(request, "partnerships/trust/confidential_read.html", context)


def _dossier_page(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    from_pharma = organisation_of(request).is_pharma
    return redirect("pharma_dossier_detail" if from_pharma else "startup_dossier_detail", uuid=dossier.uuid)


def _cda_action(request: HttpRequest, dossier: Dossier, act) -> HttpResponse:
    try:
        success = act(dossier)
    except (DossierError, TrustError) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success)
    return _dossier_page(request, dossier)


@login_required
@require_POST
@dossier_required(act="partnerships.propose_cda")
def dossier_cda_propose(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = CdaProposeForm(request.POST)
    if not form.is_valid():
        keep_refused(request, form, on=dossier)  # the reference and date typed come back with the message
        return _dossier_page(request, dossier)
    data = form.cleaned_data
    try:
        cda_propose(
            user=request.user,
            dossier=dossier,
            kind=data["kind"],
            reference=data["reference"],
            signed_on=data["signed_on"],
        )
    except (DossierError, TrustError) as error:
        keep_refused(request, form, on=dossier, error=_error_text(error))
    else:
        messages.success(request, _("CDA proposed: the other side is told and must accept it."))
    return _dossier_page(request, dossier)


@login_required
@require_POST
@dossier_required(act="partnerships.propose_cda")
def dossier_cda_accept(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    def act(dossier):
        cda_accept(user=request.user, dossier=dossier)
        return _("CDA accepted by both sides: the pharma team may now read the confidential part.")

    return _cda_action(request, dossier, act)


@startup_member_required
@require_POST
@dossier_required(act="partnerships.revoke_cda")
def dossier_cda_revoke(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    def act(dossier):
        cda_revoke(user=request.user, dossier=dossier)
        return _("Access revoked: the pharma team no longer reads your confidential part.")

    return _cda_action(request, dossier, act)
