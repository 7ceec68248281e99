"""Page selectors of the assessment screens: everything the step and results pages show, read in a fixed
number of queries whatever the data size, none issued from the templates.

The guide's rows (steps, items) and the pure scoring result come from caches keyed on what they are computed
from (checklists.selectors.guide_key, selectors.assessments.assessment_result); the rest is read per request,
scoped to the organisation, after the access checks.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from checklists.selectors import guide_key

from ..charts import radar_svg
from ..models import Assessment, AssessmentSnapshot, Organisation
from .assessments import (
    StepPage,
    StepProgress,
    assessment_answers,
    assessment_facts,
    assessment_for_user_organisation,
    assessment_result,
    dual_checklist,
    results_by_step,
    snapshot_engine_answers,
    snapshot_result,
    snapshots_latest_two,
    step_page,
    steps_progress,
)
from .benchmark import snapshot_benchmark
from .plans import plan_vs_reality
from .snapshots import snapshot_outdated


@dataclass
class StepScreen:
    assessment: Assessment
    progress: list[StepProgress]
    current: StepProgress
    page: StepPage


def step_screen(organisation: Organisation, pk: int, number: int) -> StepScreen | None:
    """The step page of one of the organisation's assessments; None when the step does not exist.
    Raises Assessment.DoesNotExist for anyone else's assessment."""
    assessment = assessment_for_user_organisation(organisation=organisation, pk=pk)
    facts = assessment_facts(assessment)  # computed once: the score's key and the step's applicability
    progress = steps_progress(assessment, assessment_result(assessment, facts))
    current = next((p for p in progress if p.number == number), None)
    if current is None:
        return None
    return StepScreen(assessment, progress, current, step_page(assessment, current.step, facts))


def results_screen(organisation: Organisation, pk: int) -> dict:
    """The results page's context: the latest snapshot's stored result (or the draft's cached score), the
    steps with their gaps, the radar, the dual checklist and the report panel's reports."""
    assessment = assessment_for_user_organisation(organisation=organisation, pk=pk)
    snapshots = snapshots_latest_two(assessment)
    snapshot: AssessmentSnapshot | None = snapshots[0] if snapshots else None
    previous = snapshots[1] if len(snapshots) > 1 else None
    if snapshot is not None:
        result = snapshot_result(snapshot)
        answers = snapshot_engine_answers(snapshot)
    else:
        answers = assessment_answers(assessment)
        result = assessment_result(assessment, answers=answers)  # a draft until the first submission
    steps = results_by_step(assessment, result, previous)
    return {
        "assessment": assessment,
        "target": assessment.target,
        "snapshot": snapshot,
        "previous": previous,
        "result": result,
        "steps": steps,
        "radar": _radar([str(row.step.number) for row in steps], [row.score.score for row in steps]),
        "checklist": dual_checklist(assessment, answers),
        # The guide's part of the page is cached per version and language ({% cache %} in the template).
        "guide_version": guide_key(assessment.framework),
        "plan": plan_vs_reality(assessment, snapshot),
        "peers": snapshot_benchmark(snapshot),
        # Answers, profile facts or the target changed what applies since the snapshot: submit again.
        "changed_since_snapshot": snapshot is not None and snapshot_outdated(assessment, snapshot),
        "incomplete_steps": [row.step.number for row in steps if not row.score.is_complete],
        "overall_delta": (
            result.overall - previous.overall_score
            if previous is not None and result.overall is not None and previous.overall_score is not None
            else None
        ),
    }


def _radar(labels: list[str], values: list) -> SafeString:
    svg = radar_svg(labels, values, title=_("Readiness by step (0 to 100)"))
    return mark_safe(svg)  # noqa: S308 - built by charts.radar_svg, which escapes every text
