"""Reviewers' scores against the startup's own: the team score and the divergence (docs/scoring.md).

Each reviewer answers the same items on the same scale, and `engine.score` scores them with the same facts
(the startup's frozen profile). Here, only plain numbers: a reviewer's step scores, the team mean per step,
and how far the startup's own score is from it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from .engine import Result

# Points between the startup's own score and the team's from which the gap is worth a conversation.
DIVERGENCE_THRESHOLD = 25.0

StepScores = Mapping[int, float | None]


class Direction(Enum):
    OVER = "over"  # the startup rates itself higher than the reviewers do
    UNDER = "under"  # lower
    ALIGNED = "aligned"


def direction_of(divergence: float | None, threshold: float = DIVERGENCE_THRESHOLD) -> Direction | None:
    if divergence is None:
        return None
    if divergence >= threshold:
        return Direction.OVER
    if divergence <= -threshold:
        return Direction.UNDER
    return Direction.ALIGNED


def review_step_scores(result: Result) -> dict[int, float | None]:
    """A reviewer's score per step; a step the reviewer answered nothing of is *not reviewed* (None).

    Unlike a startup's missing answer (level 0), a reviewer's silence on a whole step is no judgement.
    """
    return {step.number: step.score if step.answered_items else None for step in result.steps}


def _mean(values) -> float | None:
    scored = [value for value in values if value is not None]
    return sum(scored) / len(scored) if scored else None


@dataclass(frozen=True)
class StepComparison:
    number: int
    self_score: float | None
    reviewer_scores: tuple[float | None, ...]
    team_score: float | None  # mean of the reviewers who scored the step
    divergence: float | None  # self − team: positive when the startup over-estimates itself

    @property
    def direction(self) -> Direction | None:
        return direction_of(self.divergence)


@dataclass(frozen=True)
class TeamComparison:
    steps: tuple[StepComparison, ...]
    self_overall: float | None
    reviewer_overalls: tuple[float | None, ...]
    team_overall: float | None  # mean of the team's step scores
    divergence: float | None  # mean of the step divergences, over the steps both sides scored

    @property
    def direction(self) -> Direction | None:
        return direction_of(self.divergence)

    def step(self, number: int) -> StepComparison:
        return next(step for step in self.steps if step.number == number)


def team_comparison(self_steps: StepScores, reviewers: Sequence[StepScores]) -> TeamComparison:
    """Compare the startup's step scores with each reviewer's (step number → score or None)."""
    numbers = sorted(set(self_steps).union(*reviewers))
    steps = []
    for number in numbers:
        own = self_steps.get(number)
        scores = tuple(reviewer.get(number) for reviewer in reviewers)
        team = _mean(scores)
        divergence = own - team if own is not None and team is not None else None
        steps.append(StepComparison(number, own, scores, team, divergence))
    return TeamComparison(
        steps=tuple(steps),
        self_overall=_mean(step.self_score for step in steps),
        reviewer_overalls=tuple(_mean(reviewer.get(n) for n in numbers) for reviewer in reviewers),
        team_overall=_mean(step.team_score for step in steps),
        divergence=_mean(step.divergence for step in steps),
    )
