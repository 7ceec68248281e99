"""The team score and the divergence: the worked example of docs/scoring.md, and their properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import FrameworkSpec, ItemSpec, StepSpec, score
from scoring.team import DIVERGENCE_THRESHOLD, Direction, direction_of, review_step_scores, team_comparison

SELF = {1: 80.0, 2: 50.0, 3: 60.0, 4: None}
REVIEWER_A = {1: 50.0, 2: 80.0, 3: 70.0, 4: None}
REVIEWER_B = {1: 40.0, 2: None, 3: 60.0, 4: None}


def test_worked_example_matches_the_documentation():
    team = team_comparison(SELF, [REVIEWER_A, REVIEWER_B])

    assert (team.step(1).team_score, team.step(1).divergence, team.step(1).direction) == (45, 35, Direction.OVER)
    assert (team.step(2).team_score, team.step(2).divergence, team.step(2).direction) == (80, -30, Direction.UNDER)
    assert (team.step(3).team_score, team.step(3).divergence, team.step(3).direction) == (65, -5, Direction.ALIGNED)
    assert team.step(4).team_score is None and team.step(4).direction is None
    assert team.team_overall == pytest.approx(63.33, abs=0.01)
    assert team.self_overall == pytest.approx(63.33, abs=0.01)
    assert team.divergence == 0 and team.direction is Direction.ALIGNED
    assert team.reviewer_overalls == (pytest.approx(66.67, abs=0.01), 50)


def test_a_step_the_reviewer_left_blank_is_not_reviewed_but_a_partial_one_counts_missing_answers_as_zero():
    spec = FrameworkSpec(
        "example", "1", (StepSpec(1, "A", (ItemSpec("A", 1), ItemSpec("B", 1))), StepSpec(2, "A", (ItemSpec("C", 2),)))
    )
    assert review_step_scores(score(spec, {}, {})) == {1: None, 2: None}
    assert review_step_scores(score(spec, {}, {"A": 3})) == {1: 50, 2: None}


def test_the_threshold_is_inclusive_both_ways():
    assert direction_of(DIVERGENCE_THRESHOLD) is Direction.OVER
    assert direction_of(-DIVERGENCE_THRESHOLD) is Direction.UNDER
    assert direction_of(24.9) is Direction.ALIGNED
    assert direction_of(None) is None


scores = st.one_of(st.none(), st.floats(min_value=0, max_value=100))
steps = st.fixed_dictionaries(dict.fromkeys(range(1, 11), scores))


@settings(deadline=None)  # pure arithmetic; a loaded CI machine must not fail it on time
@given(own=steps, reviewers=st.lists(steps, min_size=1, max_size=4))
def test_the_team_score_lies_between_its_reviewers_and_divergence_within_100(own, reviewers):
    team = team_comparison(own, reviewers)
    for step in team.steps:
        given_scores = [s for s in step.reviewer_scores if s is not None]
        if given_scores:
            assert min(given_scores) - 1e-9 <= step.team_score <= max(given_scores) + 1e-9
        else:
            assert step.team_score is None
        if step.divergence is not None:
            assert -100 - 1e-9 <= step.divergence <= 100 + 1e-9
    assert team_comparison(own, list(reversed(reviewers))).team_overall == pytest.approx(team.team_overall)
