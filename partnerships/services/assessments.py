"""Writes on assessments. Answer saving with conflict detection lives here too."""

import logging
from functools import partial

from django.db import transaction

from scoring import result_as_data

from ..models import Assessment, AssessmentSnapshot, StartupProfile, TargetCompany, User
from ..selectors.assessments import assessment_facts, assessment_result_fresh
from .plans import plan_check

logger = logging.getLogger(__name__)


def profile_as_dict(profile: StartupProfile, therapeutic_areas: list[str] | None = None) -> dict:
    """The profile as plain data, frozen into snapshots and dossiers. `therapeutic_areas` (codes) saves the
    query that reads them when the caller already knows them."""
    if therapeutic_areas is None:
        therapeutic_areas = profile.therapeutic_areas.values_list("code", flat=True)
    return {
        "name": profile.organisation.name,
        "description": profile.description,
        "website": profile.website,
        "maturity": profile.maturity,
        "is_medical_device": profile.is_medical_device,
        "device_class": profile.device_class,
        "has_ai": profile.has_ai,
        "processes_health_data": profile.processes_health_data,
        "processes_personal_data": profile.processes_personal_data or profile.processes_health_data,
        "business_models": list(profile.business_models),
        "is_etp_programme": profile.is_etp_programme,
        "deploys_abroad": profile.deploys_abroad,
        "therapeutic_areas": sorted(therapeutic_areas),
        "target_users": list(profile.target_users),
        "team_size": profile.team_size,
        "cash_runway_months": profile.cash_runway_months,
        "support_structures": profile.support_structures,
        "pharma_expectations": list(profile.pharma_expectations),
        "partnership_sought": list(profile.partnership_sought),
    }


def target_as_dict(target: TargetCompany) -> dict:
    return {
        "name": target.name,
        "level": target.level,
        "function": target.function,
        "partnership_sought": list(target.partnership_sought),
        "meeting_date": target.meeting_date.isoformat() if target.meeting_date else None,
    }


@transaction.atomic
def assessment_snapshot_create(*, assessment: Assessment, user: User | None) -> AssessmentSnapshot:
    """Freeze the assessment as it is now: answers, facts, profile, target and scores (the whole result, so
    that no page or report scores it again)."""
    facts = assessment_facts(assessment)
    result = assessment_result_fresh(assessment, facts)
    answers = {
        answer.item.code: {
            "level": answer.level,
            "na": answer.not_applicable,
            "note": answer.note,
            "evidence_url": answer.evidence_url,
        }
        for answer in assessment.answers.select_related("item")
    }
    snapshot = AssessmentSnapshot(
        assessment=assessment,
        framework=assessment.framework,
        created_by=user,
        facts=facts,
        profile=profile_as_dict(assessment.organisation.startup_profile),
        target=target_as_dict(assessment.target),
        answers=answers,
        overall_score=result.overall,
        band=result.band.code if result.band else "",
        step_scores={str(step.number): step.score for step in result.steps},
        phase_scores=dict(result.phases),
        result=result_as_data(result),
    )
    snapshot.full_clean()
    snapshot.save()
    plan_check(snapshot=snapshot)  # the new answers may reach the targets of the action plan
    return snapshot


class AnswerConflict(Exception):
    """Someone saved this answer since the form was loaded; `current` is what they saved."""

    def __init__(self, current):
        super().__init__(f"{current.item_id} is at revision {current.revision}")
        self.current = current


def assessment_for_target(*, target: TargetCompany, user: User | None) -> Assessment:
    """The target meeting's assessment, started against the current guide the first time."""
    from checklists.selectors import framework_current

    assessment = target.assessments.order_by("-created_at", "-id").first()
    if assessment is None:
        framework = framework_current()
        if framework is None:
            raise LookupError("No published framework: run `manage.py load_framework`.")
        assessment = Assessment.objects.create(
            organisation=target.organisation, target=target, framework=framework, created_by=user
        )
    return assessment


def _same_answer(answer, values: dict) -> bool:
    return all(getattr(answer, field) == value for field, value in values.items())


@transaction.atomic
def answer_save(*, assessment: Assessment, item, values: dict, expected_revision: int, user: User | None):
    """Save one answer if nobody saved it since `expected_revision`; otherwise raise AnswerConflict.

    `values` holds level, not_applicable, note and evidence_url. The row is locked while it is compared,
    so of two simultaneous saves read at the same revision exactly one wins.
    """
    from django.db import IntegrityError

    from ..models import Answer

    answer = Answer.objects.select_for_update().filter(assessment=assessment, item=item).first()
    if answer is None:
        answer = Answer(assessment=assessment, item=item, revision=1, updated_by=user, **values)
        answer.full_clean(exclude=["assessment", "item", "updated_by"], validate_unique=False)
        try:
            with transaction.atomic():
                answer.save()
        except IntegrityError:  # created by another request in between
            current = Answer.objects.get(assessment=assessment, item=item)
            if _same_answer(current, values):
                return current
            raise AnswerConflict(current) from None
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=answer.updated_at)
        return answer
    if _same_answer(answer, values):
        return answer
    if answer.revision != expected_revision:
        raise AnswerConflict(answer)
    for field, value in values.items():
        setattr(answer, field, value)
    answer.revision += 1
    answer.updated_by = user
    answer.full_clean(exclude=["assessment", "item", "updated_by"], validate_unique=False)
    answer.save(update_fields=[*values, "revision", "updated_by", "updated_at"])
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=answer.updated_at)
    return answer


def assessment_submit(
    *, assessment: Assessment, user: User | None, report_language: str | None = None
) -> AssessmentSnapshot:
    """Keep a dated snapshot of the assessment and its scores (progress over time).

    With `report_language` (the language the submitter is using) and REPORTS_PRERENDER on, the snapshot's PDF
    report is queued at once, after the commit, so that it is ready by the time the startup opens its results;
    the other language is rendered when asked for. A queue that cannot take it costs nothing but that head
    start: the submission stands, and the report can still be asked for.
    """
    from django.conf import settings

    from .audit import audit_record

    snapshot = assessment_snapshot_create(assessment=assessment, user=user)
    audit_record(
        organisation=assessment.organisation,
        actor=user,
        action="assessment_submitted",
        description=str(assessment.target),
    )
    if report_language and settings.REPORTS_PRERENDER:
        transaction.on_commit(partial(_report_prerender, snapshot=snapshot, user=user, language=report_language))
    return snapshot


def _report_prerender(*, snapshot: AssessmentSnapshot, user: User | None, language: str) -> None:
    from .reports import ReportUnavailable, report_request

    try:
        report_request(snapshot=snapshot, user=user, language=language)
    except ReportUnavailable:
        logger.warning("Report of snapshot %s not queued at submission: the job queue is unreachable", snapshot.pk)
