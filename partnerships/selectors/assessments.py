"""Reads on assessments: the facts the rules see, the answers, and the score."""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch

from checklists.i18n import active_language
from checklists.models import Item, Step
from checklists.selectors import framework_spec, guide_items, guide_key, guide_steps
from scoring import NOT_APPLICABLE, Result, StepScore, result_from_data, score
from scoring import applies as rule_applies

from ..models import Answer, Assessment, AssessmentSnapshot, Organisation, Report


def assessments_for_organisation(organisation: Organisation):
    """The organisation's assessments; a foreign id looked up here is a 404."""
    return Assessment.objects.filter(organisation=organisation).select_related("target", "framework")


def assessment_facts(assessment: Assessment) -> dict:
    """Profile facts and target-meeting facts together, as the applicability rules read them."""
    facts = assessment.organisation.startup_profile.facts()
    facts.update(assessment.target.facts())
    return facts


def assessment_answers(assessment: Assessment) -> dict:
    return dict(_answer_rows(assessment))


def _answer_rows(assessment: Assessment):
    # `assessment` is loaded too: the related manager sets it on each row and would otherwise fetch it per row.
    rows = assessment.answers.select_related("item").only("level", "not_applicable", "assessment", "item__code")
    for answer in rows:
        yield answer.item.code, answer.value


RESULT_LIFETIME = 24 * 3600


def _facts_revision(facts: dict) -> str:
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def assessment_result_fresh(assessment: Assessment, facts: dict | None = None, answers: dict | None = None) -> Result:
    """The score of the answers as they are in the database now (what a submission freezes)."""
    facts = assessment_facts(assessment) if facts is None else facts
    answers = assessment_answers(assessment) if answers is None else answers
    return score(framework_spec(assessment.framework), facts, answers)


def assessment_result(assessment: Assessment, facts: dict | None = None, answers: dict | None = None) -> Result:
    """The score of the assessment, cached under what it is computed from, read from rows already loaded:
    the assessment (its `updated_at` moves with every answer saved: the answers' revision), the framework's
    version and revision, and the facts themselves. It holds no user data, only the engine's output."""
    facts = assessment_facts(assessment) if facts is None else facts
    revision = assessment.updated_at.isoformat() if assessment.updated_at else ""
    key = guide_key(assessment.framework, "result", assessment.pk, revision, _facts_revision(facts))
    result = cache.get(key)
    if result is None:
        result = assessment_result_fresh(assessment, facts, answers)
        cache.set(key, result, RESULT_LIFETIME)
    return result


# --- Screens of the assessment: step pages and results ------------------------------------------------------------


TOP_GAPS_PER_STEP = 3


def assessment_for_user_organisation(*, organisation: Organisation, pk: int) -> Assessment:
    """One of the organisation's assessments with what every screen reads, or Assessment.DoesNotExist."""
    return (
        Assessment.objects.filter(organisation=organisation)
        .select_related("target", "framework", "organisation__startup_profile")
        .get(pk=pk)
    )


def _localized(texts) -> str:
    language = active_language()
    return (texts or {}).get(language) or (texts or {}).get("fr", "")


@dataclass
class StepProgress:
    step: Step
    score: StepScore

    @property
    def is_complete(self) -> bool:
        return self.score.is_complete

    @property
    def number(self) -> int:
        return self.step.number


def steps_progress(assessment: Assessment, result: Result) -> list[StepProgress]:
    return [StepProgress(step, result.step(step.number)) for step in guide_steps(assessment.framework)]


@dataclass
class StepPage:
    """What a step page shows: applicable criteria with their answers, items that do not apply and why,
    and the startup's commitments (dual checklist) of that step."""

    criteria: list[tuple[Item, Answer | None]] = field(default_factory=list)
    excluded: list[Item] = field(default_factory=list)
    commitments: list[tuple[Item, Answer | None]] = field(default_factory=list)
    kpis: list[tuple[Item, Answer | None]] = field(default_factory=list)  # indicators the startup will propose


STEP_PAGE_KINDS = (Item.Kind.CRITERION, Item.Kind.COMMITMENT, Item.Kind.KPI)


def step_page(assessment: Assessment, step: Step, facts: dict) -> StepPage:
    """Items of one step (the guide's cached data) and their answers, in one query whatever their number."""
    items = [
        item
        for item in guide_items(assessment.framework)
        if item.step_id == step.pk and item.side == Item.Side.STARTUP and item.kind in STEP_PAGE_KINDS
    ]
    answers = {answer.item_id: answer for answer in assessment.answers.filter(item__in=[i.pk for i in items])}
    page = StepPage()
    for item in items:
        if item.kind == Item.Kind.COMMITMENT:
            page.commitments.append((item, answers.get(item.pk)))
        elif item.kind == Item.Kind.KPI:
            page.kpis.append((item, answers.get(item.pk)))
        elif rule_applies(item.applicability, facts):
            page.criteria.append((item, answers.get(item.pk)))
        else:
            page.excluded.append(item)
    return page


def snapshot_engine_answers(snapshot: AssessmentSnapshot) -> dict:
    """The engine's view of the answers a snapshot froze: item code → level or NOT_APPLICABLE."""
    return {code: NOT_APPLICABLE if value.get("na") else value.get("level") for code, value in snapshot.answers.items()}


def snapshot_result(snapshot: AssessmentSnapshot) -> Result:
    """The scores of a snapshot: stored with it at submission; recomputed from what it froze (facts and
    answers) for a snapshot made before results were stored, then cached (a snapshot never changes)."""
    spec = framework_spec(snapshot.framework)
    if snapshot.result:
        try:
            return result_from_data(spec, snapshot.result)
        except KeyError:  # an item code of the stored result left the guide: score again
            pass
    key = guide_key(snapshot.framework, "snapshot-result", snapshot.pk)
    result = cache.get(key)
    if result is None:
        result = score(spec, snapshot.facts, snapshot_engine_answers(snapshot))
        cache.set(key, result, RESULT_LIFETIME)
    return result


def snapshots_latest_two(assessment: Assessment) -> list[AssessmentSnapshot]:
    """The latest two snapshots, with their reports (newest first) for the report panel: no query left to the
    template."""
    reports = Prefetch("reports", queryset=Report.objects.order_by("-created_at", "-id"))
    snapshots = assessment.snapshots.select_related("framework", "created_by").prefetch_related(reports)
    return list(snapshots.order_by("-created_at", "-id")[:2])


@dataclass
class StepResult:
    step: Step
    score: StepScore
    gaps: list[dict]
    previous: float | None = None

    @property
    def delta(self) -> float | None:
        if self.score.score is None or self.previous is None:
            return None
        return self.score.score - self.previous


def results_by_step(
    assessment: Assessment, result: Result, previous: AssessmentSnapshot | None = None
) -> list[StepResult]:
    """Each step with its score, its top gaps (with the guide's advice) and the previous snapshot's score."""
    rows = []
    for progress in steps_progress(assessment, result):
        gaps = [
            {
                "code": gap.item.code,
                "text": _localized(gap.item.text),
                "guidance": _localized(gap.item.guidance),
                "level": gap.level,
                "critical": gap.is_critical,
                "lost_points": gap.points,  # what the gap really costs, the critical cap included
                "cap_points": gap.cap_points,
            }
            for gap in result.gaps
            if gap.item.step == progress.number
        ][:TOP_GAPS_PER_STEP]
        previous_score = previous.step_scores.get(str(progress.number)) if previous else None
        rows.append(StepResult(progress.step, progress.score, gaps, previous_score))
    return rows


CHECKLIST_KINDS = (Item.Kind.EXPECTATION, Item.Kind.COMMITMENT)


def dual_checklist(assessment: Assessment, answers: dict) -> dict[str, list[dict]]:
    """The guide's dual checklist in four quadrants; the startup's commitments carry their tick.

    `answers` maps item code to level (from the live answers or a snapshot).
    """
    items = [item for item in guide_items(assessment.framework) if item.kind in CHECKLIST_KINDS]
    quadrants: dict[str, list[dict]] = {
        "pharma_expectations": [],
        "startup_expectations": [],
        "pharma_commitments": [],
        "startup_commitments": [],
    }
    for item in items:
        key = f"{item.side}_{item.kind}s"
        quadrants[key].append(
            {"code": item.code, "text": item.text, "guidance": item.guidance, "done": answers.get(item.code) == 3}
        )
    return quadrants
