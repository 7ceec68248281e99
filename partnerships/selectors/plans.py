"""Reads on action plans: the plan page, plan vs reality per step (results page), the plan in the report and
its exports. A plan belongs to an assessment; it is measured against the assessment's latest snapshot."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from checklists.i18n import active_language
from checklists.models import Item, Step
from checklists.selectors import framework_spec
from scoring import Result, score
from scoring.plan import PlannedAction, projected, ready_on

from ..models import Action, Assessment, AssessmentSnapshot, Organisation
from .assessments import snapshot_engine_answers


def actions_of_organisation(organisation: Organisation) -> QuerySet[Action]:
    """The organisation's actions; a foreign id looked up here is a 404."""
    return Action.objects.filter(assessment__organisation=organisation).select_related("assessment")


def _localized(texts: dict) -> str:
    return texts.get(active_language()) or texts.get("fr", "")


@dataclass
class ActionRow:
    action: Action
    text: str
    step: Step
    current_level: int | None
    overdue: bool

    @property
    def achieved(self) -> bool:
        return self.action.achieved_at is not None


@dataclass
class StepPlan:
    step: Step
    current: float | None  # the latest snapshot's score (reality)
    expected: float | None  # what the plan promised by today: actions due by now at their target
    projected: float | None  # every action at its target
    actions: int = 0
    achieved: int = 0
    overdue: int = 0


@dataclass
class Plan:
    assessment: Assessment
    snapshot: AssessmentSnapshot | None
    today: date
    actions: list[ActionRow] = field(default_factory=list)
    gaps: list[dict] = field(default_factory=list)  # ranked gaps not yet in the plan
    steps: list[StepPlan] = field(default_factory=list)
    current: Result | None = None
    projected: Result | None = None
    ready_on: date | None = None
    guide_steps: list[Step] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.actions)

    @property
    def achieved_count(self) -> int:
        return sum(row.achieved for row in self.actions)

    def by_phase(self) -> list[tuple[Step, list[ActionRow]]]:
        """(a step of each phase, the phase's actions) in guide order, for the XLSX export's sheets."""
        phases: dict[str, tuple[Step, list[ActionRow]]] = {}
        for step in self.guide_steps:
            phases.setdefault(step.phase.code, (step, []))
        for row in self.actions:
            phases[row.step.phase.code][1].append(row)
        return list(phases.values())


def _planned(actions: list[Action]) -> list[PlannedAction]:
    return [PlannedAction(a.item_code or None, a.target_level, a.due_date) for a in actions]


def latest_snapshot(assessment: Assessment) -> AssessmentSnapshot | None:
    return assessment.snapshots.select_related("framework").order_by("-created_at", "-id").first()


def action_plan(
    assessment: Assessment, snapshot: AssessmentSnapshot | None = None, *, today: date | None = None
) -> Plan:
    """The assessment's plan measured against `snapshot` (default: the latest), in five queries."""
    today = today or timezone.localdate()
    snapshot = snapshot or latest_snapshot(assessment)
    plan = Plan(assessment=assessment, snapshot=snapshot, today=today)
    steps = {s.number: s for s in Step.objects.filter(framework_id=assessment.framework_id).select_related("phase")}
    plan.guide_steps = [steps[number] for number in sorted(steps)]
    actions = list(assessment.actions.select_related("owner").order_by("step_number", "due_date", "id"))
    texts = {
        item.code: item.text
        for item in Item.objects.filter(
            framework_id=assessment.framework_id, code__in=[a.item_code for a in actions if a.item_code]
        )
    }
    answers = snapshot_engine_answers(snapshot) if snapshot else {}
    for action in actions:
        level = answers.get(action.item_code) if action.item_code else None
        plan.actions.append(
            ActionRow(
                action=action,
                text=action.title or texts.get(action.item_code, action.item_code),
                step=steps[action.step_number],
                current_level=level if isinstance(level, int) else None,
                overdue=action.is_overdue(today),
            )
        )
    if snapshot is None:
        return plan
    spec = framework_spec(snapshot.framework)
    planned = _planned(actions)
    plan.current = score(spec, snapshot.facts, answers)
    plan.projected = projected(spec, snapshot.facts, answers, planned)
    expected = projected(spec, snapshot.facts, answers, [a for a in planned if a.due and a.due <= today])
    plan.ready_on = ready_on(spec, snapshot.facts, answers, planned, today=today)
    planned_codes = {a.item_code for a in actions if a.item_code}
    plan.gaps = [
        {
            "code": gap.item.code,
            "text": _localized(gap.item.text),
            "step": steps[gap.item.step],
            "level": gap.level,
            "critical": gap.is_critical,
            "lost_points": gap.lost_points,
        }
        for gap in plan.current.gaps
        if gap.item.code not in planned_codes
    ]
    for number in sorted(steps):
        rows = [row for row in plan.actions if row.step.number == number]
        plan.steps.append(
            StepPlan(
                step=steps[number],
                current=plan.current.step(number).score,
                expected=expected.step(number).score,
                projected=plan.projected.step(number).score,
                actions=len(rows),
                achieved=sum(row.achieved for row in rows),
                overdue=sum(row.overdue for row in rows),
            )
        )
    return plan


def plan_vs_reality(assessment: Assessment, snapshot: AssessmentSnapshot | None) -> Plan | None:
    """For the results page: the plan against the snapshot shown, or None when there is no plan."""
    if snapshot is None or not assessment.actions.exists():
        return None
    return action_plan(assessment, snapshot)
