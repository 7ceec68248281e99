"""A startup's own assessments through the API: current scores and submitted snapshots (read only)."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router

from ..models import Assessment, AssessmentSnapshot
from ..selectors.assessments import assessment_for_user_organisation, assessment_result, assessments_for_organisation
from ..selectors.reports import snapshot_for
from .dossiers import ERRORS, step_scores
from .schemas import AssessmentOut, AssessmentSummary, SnapshotOut

router = Router(tags=["assessments"])


def _startup(request: HttpRequest) -> None:
    if not request.user.has_perm("partnerships.use_startup_tools"):
        raise PermissionDenied


def _snapshot_summary(snapshot: AssessmentSnapshot | None) -> dict | None:
    if snapshot is None:
        return None
    return {
        "uuid": snapshot.uuid,
        "created_at": snapshot.created_at,
        "overall_score": snapshot.overall_score,
        "band": snapshot.band,
    }


def _assessment_summary(assessment: Assessment, latest: AssessmentSnapshot | None) -> dict:
    return {
        "id": assessment.pk,
        "target": assessment.target.name,
        "target_level": assessment.target.level,
        "meeting_date": assessment.target.meeting_date,
        "updated_at": assessment.updated_at,
        "latest_snapshot": _snapshot_summary(latest),
    }


@router.get("/assessments/", response={200: list[AssessmentSummary], **ERRORS}, summary="Your assessments")
def assessment_list(request: HttpRequest):
    _startup(request)
    assessments = list(assessments_for_organisation(request.organisation).order_by("-updated_at", "-id"))
    latest: dict[int, AssessmentSnapshot] = {}
    for snapshot in AssessmentSnapshot.objects.filter(assessment__in=assessments).order_by("created_at", "id"):
        latest[snapshot.assessment_id] = snapshot
    return [_assessment_summary(a, latest.get(a.pk)) for a in assessments]


def _scores(framework_id: int, overall, band: str, phases: dict, steps: dict) -> dict:
    return {
        "overall_score": overall,
        "band": band,
        "phase_scores": phases,
        "steps": step_scores(framework_id, steps),
    }


@router.get("/assessments/{assessment_id}/", response={200: AssessmentOut, **ERRORS}, summary="An assessment")
def assessment_detail(request: HttpRequest, assessment_id: int):
    _startup(request)
    try:
        assessment = assessment_for_user_organisation(organisation=request.organisation, pk=assessment_id)
    except (Assessment.DoesNotExist, OverflowError) as error:
        raise Http404 from error
    result = assessment_result(assessment)
    snapshots = list(assessment.snapshots.order_by("-created_at", "-id"))
    return {
        **_assessment_summary(assessment, snapshots[0] if snapshots else None),
        "current": _scores(
            assessment.framework_id,
            result.overall,
            result.band.code if result.band else "",
            dict(result.phases),
            {str(step.number): step.score for step in result.steps},
        ),
        "snapshots": [_snapshot_summary(snapshot) for snapshot in snapshots],
    }


@router.get("/snapshots/{snapshot_uuid}/", response={200: SnapshotOut, **ERRORS}, summary="A submitted snapshot")
def snapshot_detail(request: HttpRequest, snapshot_uuid: UUID):
    _startup(request)
    try:
        snapshot = snapshot_for(organisation=request.organisation, uuid=snapshot_uuid)
    except AssessmentSnapshot.DoesNotExist as error:
        raise Http404 from error
    return {
        **_snapshot_summary(snapshot),
        "assessment_id": snapshot.assessment_id,
        "scores": _scores(
            snapshot.framework_id,
            snapshot.overall_score,
            snapshot.band,
            snapshot.phase_scores or {},
            snapshot.step_scores or {},
        ),
        "answers": {
            code: {"level": value.get("level"), "not_applicable": bool(value.get("na"))}
            for code, value in (snapshot.answers or {}).items()
        },
    }
