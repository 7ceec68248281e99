"""What an action plan promises: the scores if every action reaches its target level, and the day the
startup becomes "ready" if it keeps its dates.

Pure, like the engine: plain answers and actions in, a `Result` or a date out. An action raises one item's
answer to its target level (never lowers it); an action without an item (a free action) moves no score.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .engine import NOT_APPLICABLE, Answer, Band, Result, score
from .spec import FrameworkSpec


@dataclass(frozen=True)
class PlannedAction:
    item_code: str | None  # None: a free action, tied to a step only
    target_level: int | None
    due: date | None = None


def planned_answers(answers: Mapping[str, Answer], actions: Iterable[PlannedAction]) -> dict[str, Answer]:
    """`answers` with each action's item raised to its target level."""
    planned = dict(answers)
    for action in actions:
        if not action.item_code or action.target_level is None:
            continue
        current = planned.get(action.item_code)
        level = None if current in (None, NOT_APPLICABLE) else int(current)
        if current != NOT_APPLICABLE and (level is None or level < action.target_level):
            planned[action.item_code] = action.target_level
    return planned


def projected(
    spec: FrameworkSpec, facts: Mapping[str, Any], answers: Mapping[str, Answer], actions: Iterable[PlannedAction]
) -> Result:
    """The scores by step, phase and overall if every action reaches its target."""
    return score(spec, facts, planned_answers(answers, actions))


def ready_on(
    spec: FrameworkSpec,
    facts: Mapping[str, Any],
    answers: Mapping[str, Answer],
    actions: Iterable[PlannedAction],
    *,
    today: date,
    threshold: float = Band.READY.threshold,
) -> date | None:
    """The first day the overall score reaches `threshold` if each dated action reaches its target on its due
    date: `today` when it already does, None when the dated actions never get there."""
    current = score(spec, facts, answers)
    if current.overall is not None and current.overall >= threshold:
        return today
    dated = sorted((a for a in actions if a.due is not None and a.item_code), key=lambda a: a.due)
    done: list[PlannedAction] = []
    for index, action in enumerate(dated):
        done.append(action)
        if index + 1 < len(dated) and dated[index + 1].due == action.due:
            continue  # actions due the same day land together
        overall = score(spec, facts, planned_answers(answers, done)).overall
        if overall is not None and overall >= threshold:
            return max(action.due, today)
    return None
