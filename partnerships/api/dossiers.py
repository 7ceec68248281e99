"""Dossiers through the API: the pharma inbox, a dossier from either side, review moves and messages, the report.

Each endpoint does what the matching web view does, with the same selectors, services and `rules`.
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from checklists.models import Step

from ..forms.dossiers import InboxFilterForm
from ..models import Dossier
from ..selectors.alignment import dossier_alignment
from ..selectors.benchmark import dossier_percentiles, dossiers_percentiles
from ..selectors.dossiers import dossier_for_pharma, dossier_for_side, dossier_timeline, inbox
from ..services.dossiers import DECISIONS, dossier_message_post, dossier_transition
from ..views.dossiers import PAGE_SIZE
from ..views.reports import report_file_response
from .auth import require_review_scope
from .errors import error_response
from .schemas import DossierOut, DossierSummary, ErrorOut, InboxPage, InboxQuery, MessageIn, MessageOut, TransitionIn

router = Router(tags=["dossiers"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


def _summary(dossier: Dossier, percentiles: list | None = None) -> dict:
    return {
        "peer_percentiles": {str(step): value for step, value in percentiles or []},
        "uuid": dossier.uuid,
        "startup_name": dossier.startup_name,
        "overall_score": dossier.overall_score,
        "band": dossier.band,
        "maturity": dossier.maturity,
        "therapeutic_areas": [area.code for area in dossier.therapeutic_areas.all()],
        "business_models": list(dossier.business_models),
        "status": dossier.status,
        "submitted_at": dossier.submitted_at,
        "decision_needed_by": dossier.decision_needed_by,
        "is_overdue": bool(getattr(dossier, "is_overdue", False)),
        "assignee": dossier.assignee.email if dossier.assignee else None,
    }


@router.get("/inbox/", response={200: InboxPage, **ERRORS}, summary="The pharma inbox: filter, search, sort, page")
def inbox_list(request: HttpRequest, filters: Query[InboxQuery]):
    """The dossiers your company received, with the inbox page's filters and sort, 25 a page."""
    if not request.user.has_perm("partnerships.view_inbox"):
        raise PermissionDenied
    data = filters.dict()
    form = InboxFilterForm({**{key: value for key, value in data.items() if key != "page"}, "overdue": data["overdue"]})
    if not form.is_valid():
        fields = {name: [str(error) for error in errors] for name, errors in form.errors.items()}
        return error_response(400, _("Some values are not valid."), fields)
    paginator = Paginator(inbox(request.organisation, **form.filters()), PAGE_SIZE)
    try:
        page = paginator.page(filters.page)
    except EmptyPage:
        return error_response(400, _("Some values are not valid."), {"page": [_("This page does not exist.")]})
    percentiles = dossiers_percentiles(page.object_list)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "page_size": PAGE_SIZE,
        "results": [_summary(dossier, percentiles.get(dossier.pk)) for dossier in page.object_list],
    }


def _dossier(request: HttpRequest, dossier_uuid: UUID) -> tuple[Dossier, bool]:
    """The dossier as the caller's organisation sees it (received or sent), or 404; and whether it is pharma."""
    try:
        dossier = dossier_for_side(organisation=request.organisation, uuid=dossier_uuid)
    except Dossier.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("partnerships.view_dossier", dossier):
        raise Http404
    return dossier, request.organisation.is_pharma


def step_scores(framework_id: int, scores: dict) -> list[dict]:
    steps = Step.objects.filter(framework_id=framework_id).order_by("number")
    return [{"number": s.number, "title": s.title, "score": scores.get(str(s.number))} for s in steps]


@router.get("/dossiers/{dossier_uuid}/", response={200: DossierOut, **ERRORS}, summary="A dossier")
def dossier_detail(request: HttpRequest, dossier_uuid: UUID):
    """Scores by step, alignment with your profile, status history and messages (internal notes: pharma only)."""
    dossier, from_pharma = _dossier(request, dossier_uuid)
    events, messages = dossier_timeline(dossier, include_internal=from_pharma)
    snapshot = dossier.snapshot
    alignment = dossier_alignment(dossier)
    profile = snapshot.profile or {}
    return {
        **_summary(dossier, dossier_percentiles(dossier)),
        "is_overdue": dossier.is_open
        and dossier.decision_needed_by is not None
        and dossier.decision_needed_by < _today(),
        "cover_message": dossier.cover_message,
        "decline_reason": dossier.decline_reason,
        "first_response_at": dossier.first_response_at,
        "decided_at": dossier.decided_at,
        "startup_description": profile.get("description", ""),
        "startup_website": profile.get("website", ""),
        "phase_scores": snapshot.phase_scores or {},
        "steps": step_scores(snapshot.framework_id, snapshot.step_scores or {}),
        "alignment": {
            "score": alignment.score,
            "criteria": [
                {"key": c.key, "label": c.label, "status": c.status, "reason": c.reason} for c in alignment.criteria
            ],
        },
        "events": [
            {
                "from_status": event.from_status,
                "to_status": event.to_status,
                "note": event.note,
                "actor": event.actor.email if event.actor and from_pharma else None,
                "created_at": event.created_at,
            }
            for event in events
        ],
        "messages": [_message(message) for message in messages],
        "report_url": reverse("api-v1:dossier_report", args=[dossier.uuid]) if dossier.report_id else None,
    }


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _message(message) -> dict:
    return {
        "body": message.body,
        "is_internal": message.is_internal,
        "author": message.author.email if message.author else None,
        "created_at": message.created_at,
    }


@router.post(
    "/dossiers/{dossier_uuid}/status/",
    response={200: DossierSummary, 409: ErrorOut, **ERRORS},
    summary="Move a dossier along the review workflow",
)
def dossier_status(request: HttpRequest, dossier_uuid: UUID, payload: TransitionIn):
    """received → in review → meeting proposed → partnership started, or declined with a reason. Needs the review
    scope and, as on the web, a reviewer's role; a decision needs an admin or the assigned reviewer."""
    require_review_scope(request)
    dossier, from_pharma = _dossier(request, dossier_uuid)
    if not from_pharma or not request.user.has_perm("partnerships.review_dossier", dossier):
        raise PermissionDenied
    if payload.to_status in DECISIONS and not request.user.has_perm("partnerships.decide_dossier", dossier):
        raise PermissionDenied
    dossier = dossier_transition(user=request.user, dossier=dossier, to_status=payload.to_status, reason=payload.reason)
    return _summary(dossier_for_pharma(organisation=request.organisation, uuid=dossier.uuid))


@router.post(
    "/dossiers/{dossier_uuid}/messages/",
    response={201: MessageOut, 409: ErrorOut, **ERRORS},
    summary="Post a message, or an internal note of the pharma team",
)
def dossier_message(request: HttpRequest, dossier_uuid: UUID, payload: MessageIn):
    require_review_scope(request)
    dossier, from_pharma = _dossier(request, dossier_uuid)
    if not request.user.has_perm("partnerships.write_dossier_message", dossier):
        raise PermissionDenied
    if payload.is_internal and not request.user.has_perm("partnerships.write_internal_note", dossier):
        raise PermissionDenied
    message = dossier_message_post(
        user=request.user, dossier=dossier, body=payload.body, is_internal=payload.is_internal
    )
    return Status(201, _message(message))


@router.get(
    "/dossiers/{dossier_uuid}/report/",
    response={200: bytes, **ERRORS},
    url_name="dossier_report",
    summary="Download the dossier's PDF report",
    openapi_extra={
        "responses": {200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}
    },
)
def dossier_report(request: HttpRequest, dossier_uuid: UUID):
    dossier, _from_pharma = _dossier(request, dossier_uuid)
    if dossier.report is None or not request.user.has_perm("partnerships.view_report", dossier.report):
        raise Http404
    return report_file_response(dossier.report)
