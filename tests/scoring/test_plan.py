"""The plan's projection: actions raise their items to the target, never lower them; free actions move nothing;
the ready date is the due date of the action that takes the overall score to "ready"."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring import NOT_APPLICABLE, FrameworkSpec, ItemSpec, StepSpec, score
from scoring.plan import PlannedAction, planned_answers, projected, ready_on

from .strategies import answers_for, frameworks, profiles

SPEC = FrameworkSpec(
    "demo",
    "1",
    (
        StepSpec(1, "A", (ItemSpec("S1-C1", 1), ItemSpec("S1-C2", 1))),
        StepSpec(2, "B", (ItemSpec("S2-C1", 2, weight=2),)),
    ),
)
TODAY = date(2026, 12, 1)


def test_an_action_raises_its_item_to_the_target_and_moves_its_step():
    answers = {"S1-C1": 1, "S1-C2": 3, "S2-C1": 3}

    result = projected(SPEC, {}, answers, [PlannedAction("S1-C1", 3)])

    assert score(SPEC, {}, answers).step(1).score == pytest.approx(200 / 3)
    assert result.step(1).score == 100 and result.overall == 100


def test_an_action_never_lowers_an_answer_nor_touches_not_applicable():
    answers = {"S1-C1": 3, "S1-C2": NOT_APPLICABLE}

    planned = planned_answers(answers, [PlannedAction("S1-C1", 1), PlannedAction("S1-C2", 3)])

    assert planned == answers


def test_a_free_action_moves_no_score():
    answers = {"S1-C1": 0}

    assert projected(SPEC, {}, answers, [PlannedAction(None, None)]) == score(SPEC, {}, answers)


def test_ready_on_is_the_due_date_of_the_action_that_crosses_the_threshold():
    answers = {"S1-C1": 0, "S1-C2": 3, "S2-C1": 0}  # steps 50 and 0: overall 25
    actions = [
        PlannedAction("S2-C1", 3, date(2027, 1, 10)),  # overall 75: not yet ready
        PlannedAction("S1-C1", 3, date(2027, 2, 1)),  # overall 100
        PlannedAction("S1-C2", 3, None),  # undated: not counted
    ]

    assert ready_on(SPEC, {}, answers, actions, today=TODAY) == date(2027, 2, 1)
    assert ready_on(SPEC, {}, answers, actions[:1], today=TODAY) is None


def test_ready_on_is_today_when_already_ready_and_never_in_the_past():
    assert ready_on(SPEC, {}, {"S1-C1": 3, "S1-C2": 3, "S2-C1": 3}, [], today=TODAY) == TODAY
    overdue = [PlannedAction("S1-C1", 3, date(2026, 1, 1)), PlannedAction("S2-C1", 3, date(2026, 1, 1))]
    assert ready_on(SPEC, {}, {"S1-C2": 3}, overdue, today=TODAY) == TODAY


@given(data=st.data(), spec=frameworks(), facts=profiles)
def test_a_plan_never_lowers_any_score(data, spec, facts):
    answers = data.draw(answers_for(spec))
    codes = [item.code for step in spec.steps for item in step.items]
    actions = data.draw(
        st.lists(st.builds(PlannedAction, st.sampled_from(codes) if codes else st.none(), st.integers(0, 3)))
    )

    before, after = score(spec, facts, answers), projected(spec, facts, answers, actions)

    for old, new in zip(before.steps, after.steps, strict=True):
        assert (old.score is None) == (new.score is None)
        assert old.score is None or new.score >= old.score - 1e-9
