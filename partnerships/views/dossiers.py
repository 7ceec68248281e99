"""Dossiers, from both sides: a startup submits, follows and withdraws them; the pharma team reviews them in its inbox.

Each dossier is looked up in the user's organisation (sent or received), so a foreign one is a 404; the
`rules` permissions then say who may act (see partnerships/rules.py). Internal notes are only ever read
on the pharma side.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms.dossiers import (
    DossierAssignForm,
    DossierMessageForm,
    DossierSubmitForm,
    DossierTransitionForm,
    InboxFilterForm,
)
from ..forms.startup_dossiers import StartupDossierFilterForm
from ..forms.trust import CdaProposeForm
from ..models import AssessmentSnapshot, Dossier
from ..selectors.alignment import dossier_alignment
from ..selectors.benchmark import dossier_percentiles, dossiers_percentiles
from ..selectors.dossiers import (
    dossier_for_pharma,
    dossier_for_side,
    dossier_for_startup,
    dossier_step_rows,
    dossier_timeline,
    inbox,
    inbox_metrics,
    pharma_members,
)
from ..selectors.frozen_profile import frozen_profile_rows
from ..selectors.reports import snapshot_for
from ..selectors.review_help import review_help
from ..selectors.reviews import review_panel, shared_review
from ..selectors.startup_dossiers import dossiers_sent_filtered
from ..selectors.trust import dossier_trust
from ..services.dossiers import (
    DECISIONS,
    TRANSITIONS,
    DossierError,
    dossier_assign,
    dossier_message_post,
    dossier_submit,
    dossier_transition,
    dossier_withdraw,
)
from ..services.notifications import dossier_mark_seen
from .access import object_permission_required, organisation_of, pharma_member_required, startup_member_required
from .confirmations import decision_needs_confirmation
from .kept_forms import keep_refused, kept_or_new

PAGE_SIZE = 25


def _error_text(error: DossierError) -> str:
    return " ".join(error.messages)


# Startup side


def snapshot_of_organisation(request: HttpRequest, uuid) -> AssessmentSnapshot:
    """The fetch of `object_permission_required` for a submitted assessment of the user's startup."""
    return snapshot_for(organisation=organisation_of(request), uuid=uuid)


@startup_member_required
@require_http_methods(["GET", "POST"])
@object_permission_required("partnerships.submit_dossier", snapshot_of_organisation)
def dossier_submit_view(request: HttpRequest, snapshot: AssessmentSnapshot) -> HttpResponse:
    """Send a submitted assessment (its snapshot) to a pharma company; the form also sits on the results page."""
    action = reverse("dossier_submit", args=[snapshot.uuid])
    target_pharma = snapshot.assessment.target.pharma
    form = DossierSubmitForm(
        request.POST or None, action=action, initial_pharma=target_pharma, target=snapshot.assessment.target
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                dossier = dossier_submit(
                    user=request.user,
                    snapshot=snapshot,
                    pharma=form.cleaned_data["pharma"],
                    cover_message=form.cleaned_data["cover_message"],
                    decision_needed_by=form.cleaned_data["decision_needed_by"],
                )
            except DossierError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(
                    request,
                    _("Dossier sent to %(name)s. You will be told by e-mail of each change of status.")
                    % {"name": dossier.pharma.name},
                )
                return redirect("startup_dossier_detail", uuid=dossier.uuid)
        status = 400
    context = {"form": form, "snapshot": snapshot, "assessment": snapshot.assessment}
    return render(request, "partnerships/dossiers/submit.html", context, status=status)


@startup_member_required
@require_GET
def startup_dossiers(request: HttpRequest) -> HttpResponse:
    filter_form = StartupDossierFilterForm(request.GET or None)
    dossiers = dossiers_sent_filtered(request.user, **filter_form.filters()).select_related("target")
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "dossiers": page.object_list, "filter_form": filter_form, "query": query.urlencode()}
    return render(request, "partnerships/dossiers/startup_list.html", context)


# The fetches of `object_permission_required` for a dossier: the startup finds it among those it sent, the pharma
# company among those it received, a screen of both sides among its own side's (anyone else: 404).


def sent_dossier(request: HttpRequest, uuid) -> Dossier:
    return dossier_for_startup(organisation=organisation_of(request), uuid=uuid)


def received_dossier(request: HttpRequest, uuid) -> Dossier:
    return dossier_for_pharma(organisation=organisation_of(request), uuid=uuid)


def dossier_of_either_side(request: HttpRequest, uuid) -> Dossier:
    return dossier_for_side(organisation=organisation_of(request), uuid=uuid)


def sent_dossier_required(*, act: str | None = None):
    return object_permission_required("partnerships.view_sent_dossier", sent_dossier, act=act)


def received_dossier_required(*, act: str | None = None):
    return object_permission_required("partnerships.view_received_dossier", received_dossier, act=act)


def dossier_required(*, act: str | None = None):
    """A dossier seen from either side (the user's organisation sent or received it)."""
    return object_permission_required("partnerships.view_dossier", dossier_of_either_side, act=act)


@startup_member_required
@require_GET
@sent_dossier_required()
def startup_dossier_detail(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    dossier_mark_seen(user=request.user, dossier=dossier)
    events, shared_messages = dossier_timeline(dossier, include_internal=False)
    context = {
        "dossier": dossier,
        "events": events,
        "dossier_messages": shared_messages,
        "alignment": dossier_alignment(dossier),
        "message_form": kept_or_new(
            request, DossierMessageForm, on=dossier, action=reverse("dossier_message", args=[dossier.uuid])
        ),
        "can_withdraw": request.user.has_perm("partnerships.withdraw_dossier", dossier),
        "shared_review": shared_review(dossier),
        "trust": dossier_trust(dossier, request.user),
        "cda_form": kept_or_new(request, CdaProposeForm, on=dossier),
    }
    return render(request, "partnerships/dossiers/startup_detail.html", context)


@startup_member_required
@require_POST
@sent_dossier_required()
def dossier_withdraw_view(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    try:
        dossier_withdraw(user=request.user, dossier=dossier)
    except DossierError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Dossier withdrawn."))
    return redirect("startup_dossier_detail", uuid=dossier.uuid)


# Pharma side


def _inbox_filters(request: HttpRequest) -> tuple[InboxFilterForm, dict]:
    form = InboxFilterForm(request.GET or None)
    return form, form.filters() if request.GET else {}


@pharma_member_required
@require_GET
def pharma_inbox(request: HttpRequest) -> HttpResponse:
    form, filters = _inbox_filters(request)
    dossiers = inbox(request.organisation, **filters)
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter_form": form,
        "page": page,
        "dossiers": page.object_list,
        "metrics": inbox_metrics(request.organisation),
        "peer_percentiles": dossiers_percentiles(page.object_list),
        "query": query.urlencode(),
        "today": timezone.localdate(),
    }
    return render(request, "partnerships/dossiers/inbox.html", context)


@pharma_member_required
@require_GET
@received_dossier_required()
def pharma_dossier_detail(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    dossier_mark_seen(user=request.user, dossier=dossier)
    events, all_messages = dossier_timeline(dossier, include_internal=True)
    user = request.user
    allowed = tuple(
        status
        for status in TRANSITIONS.get(dossier.status, ())
        if status not in DECISIONS or user.has_perm("partnerships.decide_dossier", dossier)
    )
    context = {
        "dossier": dossier,
        "snapshot": dossier.snapshot,
        "step_rows": dossier_step_rows(dossier),
        "peer_percentiles": dossier_percentiles(dossier),
        "events": events,
        "dossier_messages": all_messages,
        "alignment": dossier_alignment(dossier, for_pharma=True),
        "review_panel": review_panel(dossier, user),
        "today": timezone.localdate(),
        "can_review": user.has_perm("partnerships.review_dossier", dossier),
        "can_assign": user.has_perm("partnerships.assign_dossier", dossier),
        "review_help": review_help(user, dossier),
        "startup_profile_rows": frozen_profile_rows(dossier),
        "transition_form": kept_or_new(
            request,
            DossierTransitionForm,
            on=dossier,
            action=reverse("pharma_dossier_transition", args=[dossier.uuid]),
            allowed=allowed,
        )
        if allowed
        else None,
        "assign_form": DossierAssignForm(
            action=reverse("pharma_dossier_assign", args=[dossier.uuid]),
            members=pharma_members(dossier.pharma),
            initial={"assignee": dossier.assignee_id},
        ),
        "message_form": kept_or_new(
            request,
            DossierMessageForm,
            on=dossier,
            action=reverse("dossier_message", args=[dossier.uuid]),
            allow_internal=True,
        ),
        "trust": dossier_trust(dossier, user),
        "cda_form": kept_or_new(request, CdaProposeForm, on=dossier),
    }
    return render(request, "partnerships/dossiers/pharma_detail.html", context)


@pharma_member_required
@require_POST
@received_dossier_required(act="partnerships.review_dossier")
def pharma_dossier_transition(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = DossierTransitionForm(request.POST)
    if not form.is_valid():
        keep_refused(request, form, on=dossier)
        return redirect("pharma_dossier_detail", uuid=dossier.uuid)
    to_status = form.cleaned_data["to_status"]
    if to_status in DECISIONS and not request.user.has_perm("partnerships.decide_dossier", dossier):
        raise PermissionDenied
    reason = form.cleaned_data["reason"]
    if decision_needs_confirmation(to_status, reason) and request.POST.get("confirmed") != "yes":
        context = {
            "dossier": dossier,
            "to_status": to_status,
            "reason": reason,
            "status_label": Dossier.Status(to_status).label,
        }
        return render(request, "partnerships/dossiers/decision_confirm.html", context)
    try:
        dossier = dossier_transition(
            user=request.user, dossier=dossier, to_status=to_status, reason=form.cleaned_data["reason"]
        )
    except DossierError as error:
        keep_refused(request, form, on=dossier, error=_error_text(error))
    else:
        messages.success(
            request,
            _("Status changed to “%(status)s”; the startup is told.") % {"status": dossier.get_status_display()},
        )
    return redirect("pharma_dossier_detail", uuid=dossier.uuid)


@pharma_member_required
@require_POST
@received_dossier_required(act="partnerships.assign_dossier")
def pharma_dossier_assign(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = DossierAssignForm(request.POST, members=pharma_members(dossier.pharma))
    if not form.is_valid():
        messages.error(request, _("Choose a member of your company."))
    else:
        dossier_assign(user=request.user, dossier=dossier, assignee=form.cleaned_data["assignee"])
        messages.success(request, _("Reviewer saved."))
    return redirect("pharma_dossier_detail", uuid=dossier.uuid)


@login_required
@require_POST
@dossier_required(act="partnerships.write_dossier_message")
def dossier_message(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """Post a message (both sides) or an internal note (pharma reviewers), then go back to the dossier."""
    from_pharma = organisation_of(request).is_pharma
    detail = "pharma_dossier_detail" if from_pharma else "startup_dossier_detail"
    form = DossierMessageForm(request.POST, allow_internal=from_pharma)
    if not form.is_valid():
        keep_refused(request, form, on=dossier)
        return redirect(detail, uuid=dossier.uuid)
    is_internal = form.cleaned_data.get("is_internal", False)
    try:
        dossier_message_post(
            user=request.user, dossier=dossier, body=form.cleaned_data["body"], is_internal=is_internal
        )
    except DossierError as error:
        keep_refused(request, form, on=dossier, error=_error_text(error))
    else:
        messages.success(request, _("Internal note saved.") if is_internal else _("Message sent."))
    return redirect(detail, uuid=dossier.uuid)
