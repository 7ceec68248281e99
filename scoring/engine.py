"""The readiness score. The method is documented, with a worked example, in docs/scoring.md.

- An answer is a level 0..3 (`MAX_LEVEL`), `NOT_APPLICABLE`, or missing
  (counted as level 0 and listed as a gap).
- An item earns weight × level / 3; a step scores 100 × earned / possible over
  its applicable items. Items whose rule excludes the profile, and items
  answered "not applicable", leave the denominator.
- A critical item left at level 0 or 1 caps its step at `CRITICAL_CAP`. `StepScore.capped` says the cap
  lowered the score (a step already below the cap is not "capped": the cap changes nothing there).
- A phase is the mean of its scored steps; the overall score is the mean of all
  scored steps. A step with nothing applicable has no score (None).
- Gaps: applicable items below the top level; critical items at level 0-1
  first, then by the points of step score they cost, then guide order. A gap's
  `lost_points` is its share of the step; `cost` is what the step would gain if
  that item alone reached the top level, the cap it lifts included.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .rules import applies
from .spec import FrameworkSpec, ItemSpec

MAX_LEVEL = 3
NOT_APPLICABLE = "na"
CRITICAL_CAP = 50.0
CRITICAL_LEVELS = (0, 1)

Answer = int | str | None


class Band(Enum):
    """A score's band: a code and the lowest score in it. The words are the caller's
    (partnerships.scoring_text.band_label)."""

    READY = ("ready", 80)
    NEARLY = ("nearly", 60)
    STRENGTHEN = ("strengthen", 40)
    NOT_READY = ("not_ready", 0)

    def __init__(self, code: str, threshold: int) -> None:
        self.code = code
        self.threshold = threshold

    @classmethod
    def for_score(cls, value: float) -> "Band":
        return next(band for band in cls if value >= band.threshold)


@dataclass(frozen=True)
class StepScore:
    number: int
    phase: str
    score: float | None  # None: nothing applicable in this step
    earned: float
    possible: int
    capped: bool
    applicable_items: int
    answered_items: int

    @property
    def is_applicable(self) -> bool:
        return self.score is not None

    @property
    def is_complete(self) -> bool:
        return self.answered_items == self.applicable_items


@dataclass(frozen=True)
class Gap:
    item: ItemSpec
    level: int | None  # None: not answered yet
    lost_points: float  # points of its step's score this item costs
    cost: float | None = None  # points the step gains if this item alone reaches the top level (cap included)

    @property
    def points(self) -> float:
        """The points to show: the real cost, never below the item's own share."""
        return max(self.lost_points, self.cost or 0.0)

    @property
    def cap_points(self) -> float:
        """What the critical cap adds to this gap's own share (0 when the cap changes nothing)."""
        return max(0.0, self.points - self.lost_points)

    @property
    def is_critical(self) -> bool:
        return self.item.critical and (self.level or 0) in CRITICAL_LEVELS


@dataclass(frozen=True)
class Result:
    steps: tuple[StepScore, ...]
    phases: Mapping[str, float | None]
    overall: float | None
    band: Band | None
    gaps: tuple[Gap, ...]
    excluded: tuple[ItemSpec, ...]  # items whose rule does not fit the profile

    def step(self, number: int) -> StepScore:
        return next(step for step in self.steps if step.number == number)


def _level(answer: Answer) -> int | None:
    if answer is None or answer == NOT_APPLICABLE:
        return None
    level = int(answer)
    if not 0 <= level <= MAX_LEVEL:
        raise ValueError(f"An answer level must be between 0 and {MAX_LEVEL}, not {level}.")
    return level


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score(spec: FrameworkSpec, facts: Mapping[str, Any], answers: Mapping[str, Answer]) -> Result:
    """Score `answers` (item code → level) for a startup described by `facts`."""
    step_scores: list[StepScore] = []
    gaps: list[Gap] = []
    excluded: list[ItemSpec] = []
    for step in spec.steps:
        earned = 0.0
        possible = 0
        capped = False
        answered = 0
        step_items: list[tuple[ItemSpec, int | None]] = []
        for item in step.items:
            if not applies(item.rule, facts):
                excluded.append(item)
                continue
            answer = answers.get(item.code)
            if answer == NOT_APPLICABLE:
                continue
            level = _level(answer)
            answered += level is not None
            possible += item.weight
            earned += item.weight * (level or 0) / MAX_LEVEL
            capped = capped or (item.critical and (level or 0) in CRITICAL_LEVELS)
            step_items.append((item, level))
        if possible == 0:
            step_scores.append(StepScore(step.number, step.phase, None, 0.0, 0, False, 0, 0))
            continue
        raw = 100 * earned / possible
        value = min(raw, CRITICAL_CAP) if capped else raw
        step_scores.append(
            StepScore(step.number, step.phase, value, earned, possible, value < raw, len(step_items), answered)
        )
        for item, level in step_items:
            if level != MAX_LEVEL:
                lost = 100 * item.weight * (MAX_LEVEL - (level or 0)) / MAX_LEVEL / possible
                still_capped = any(
                    other.critical and (other_level or 0) in CRITICAL_LEVELS
                    for other, other_level in step_items
                    if other is not item
                )
                lifted = raw + lost
                gaps.append(Gap(item, level, lost, (min(lifted, CRITICAL_CAP) if still_capped else lifted) - value))

    scored = [step for step in step_scores if step.score is not None]
    phases = {phase: _mean([s.score for s in scored if s.phase == phase]) for phase in spec.phases}
    overall = _mean([step.score for step in scored])
    order = {item.code: index for index, item in enumerate(i for s in spec.steps for i in s.items)}
    gaps.sort(key=lambda gap: (not gap.is_critical, -round(gap.lost_points, 9), order[gap.item.code]))
    return Result(
        steps=tuple(step_scores),
        phases=phases,
        overall=overall,
        band=Band.for_score(overall) if overall is not None else None,
        gaps=tuple(gaps),
        excluded=tuple(excluded),
    )


def result_as_data(result: Result) -> dict[str, Any]:
    """`result` as plain JSON data, to be stored with what it was computed from (a submitted snapshot)."""
    return {
        "steps": [
            [s.number, s.phase, s.score, s.earned, s.possible, s.capped, s.applicable_items, s.answered_items]
            for s in result.steps
        ],
        "phases": dict(result.phases),
        "overall": result.overall,
        "band": result.band.code if result.band else None,
        "gaps": [[gap.item.code, gap.level, gap.lost_points] for gap in result.gaps],
        "excluded": [item.code for item in result.excluded],
    }


def result_from_data(spec: FrameworkSpec, data: Mapping[str, Any]) -> Result:
    """The `Result` that `result_as_data` stored, its items taken from `spec` (the framework it was scored on)."""
    items = {item.code: item for step in spec.steps for item in step.items}
    bands = {band.code: band for band in Band}
    return Result(
        steps=tuple(StepScore(*row) for row in data["steps"]),
        phases=dict(data["phases"]),
        overall=data["overall"],
        band=bands.get(data["band"]),
        gaps=tuple(Gap(items[code], level, lost) for code, level, lost in data["gaps"]),
        excluded=tuple(items[code] for code in data["excluded"]),
    )
