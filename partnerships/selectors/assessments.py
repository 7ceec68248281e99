"""Reads on assessments: the facts the rules see, the answers, and the score."""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from checklists.models import Item, Step
from checklists.selectors import framework_spec
from scoring import NOT_APPLICABLE, Result, StepScore, score
from scoring import applies as rule_applies

from ..models import Answer, Assessment, AssessmentSnapshot, Organisation


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


def assessment_result(assessment: Assessment) -> Result:
    spec = framework_spec(assessment.framework)
    return score(spec, assessment_facts(assessment), assessment_answers(assessment))


# --- Screens of the assessment: step pages and results ------------------------------------------------------------


TOP_GAPS_PER_STEP = 3


def assessment_for_user_organisation(organisation: Organisation, pk: int) -> Assessment:
    """One of the organisation's assessments with what every screen reads, or Assessment.DoesNotExist."""
    return (
        Assessment.objects.filter(organisation=organisation)
        .select_related("target", "framework", "organisation__startup_profile")
        .get(pk=pk)
    )


def _localized(texts) -> str:
    language = (get_language() or "fr")[:2]
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
    steps = Step.objects.filter(framework_id=assessment.framework_id).select_related("phase").order_by("number")
    return [StepProgress(step, result.step(step.number)) for step in steps]


@dataclass
class StepPage:
    """What a step page shows: applicable criteria with their answers, items that do not apply and why,
    and the startup's commitments (dual checklist) of that step."""

    criteria: list[tuple[Item, Answer | None]] = field(default_factory=list)
    excluded: list[Item] = field(default_factory=list)
    commitments: list[tuple[Item, Answer | None]] = field(default_factory=list)
    kpis: list[tuple[Item, Answer | None]] = field(default_factory=list)  # indicators the startup will propose


def step_page(assessment: Assessment, step: Step, facts: dict) -> StepPage:
    """Items of one step and their answers, in two queries whatever their number."""
    items = list(
        Item.objects.filter(framework_id=assessment.framework_id, step=step, side=Item.Side.STARTUP)
        .filter(kind__in=[Item.Kind.CRITERION, Item.Kind.COMMITMENT, Item.Kind.KPI])
        .select_related("section")
        .order_by("order")
    )
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


def snapshot_result(snapshot: AssessmentSnapshot) -> Result:
    """The scores of a snapshot, recomputed from what it froze (facts and answers)."""
    answers = {
        code: NOT_APPLICABLE if value.get("na") else value.get("level") for code, value in snapshot.answers.items()
    }
    return score(framework_spec(snapshot.framework), snapshot.facts, answers)


def snapshots_latest_two(assessment: Assessment) -> list[AssessmentSnapshot]:
    return list(assessment.snapshots.select_related("framework", "created_by").order_by("-created_at", "-id")[:2])


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


def dual_checklist(assessment: Assessment, answers: dict) -> dict[str, list[dict]]:
    """The guide's dual checklist in four quadrants; the startup's commitments carry their tick.

    `answers` maps item code to level (from the live answers or a snapshot).
    """
    items = Item.objects.filter(
        framework_id=assessment.framework_id, kind__in=[Item.Kind.EXPECTATION, Item.Kind.COMMITMENT]
    ).order_by("step__number", "order")
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
