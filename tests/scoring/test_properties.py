"""Properties every score must have, whatever the framework, profile and answers."""

from hypothesis import given
from hypothesis import strategies as st

from scoring import NOT_APPLICABLE, score

from .strategies import answers_for, frameworks, profiles


@st.composite
def cases(draw):
    spec = draw(frameworks())
    return spec, draw(profiles), draw(answers_for(spec))


def all_scores(result):
    values = [step.score for step in result.steps] + list(result.phases.values()) + [result.overall]
    return [value for value in values if value is not None]


@given(cases())
def test_every_score_is_between_0_and_100(case):
    spec, facts, answers = case
    assert all(0 <= value <= 100 for value in all_scores(score(spec, facts, answers)))


@given(cases(), st.data())
def test_raising_one_answer_never_lowers_any_score(case, data):
    spec, facts, answers = case
    levels = {code: value for code, value in answers.items() if value != NOT_APPLICABLE and value != 3}
    if not levels:
        return
    code = data.draw(st.sampled_from(sorted(levels)))
    current = levels[code] or 0
    raised = {**answers, code: data.draw(st.integers(current + 1, 3))}
    before, after = score(spec, facts, answers), score(spec, facts, raised)
    for old, new in zip(before.steps, after.steps, strict=True):
        assert old.score is None and new.score is None or new.score >= old.score
    for phase, value in before.phases.items():
        assert value is None or after.phases[phase] >= value
    assert before.overall is None or after.overall >= before.overall


@given(cases(), st.data())
def test_marking_an_item_not_applicable_never_changes_other_steps(case, data):
    spec, facts, answers = case
    if not answers:
        return
    code = data.draw(st.sampled_from(sorted(answers)))
    changed = {**answers, code: NOT_APPLICABLE}
    before, after = score(spec, facts, answers), score(spec, facts, changed)
    step_of_item = int(code.split("-")[0][1:])
    for old, new in zip(before.steps, after.steps, strict=True):
        if old.number != step_of_item:
            assert old == new


@given(cases())
def test_same_input_gives_same_output(case):
    spec, facts, answers = case
    assert score(spec, facts, answers) == score(spec, facts, dict(reversed(list(answers.items()))))
