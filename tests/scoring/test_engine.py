import pytest

from scoring import NOT_APPLICABLE, Band, FrameworkSpec, ItemSpec, RuleError, StepSpec, applies, score, validate_rule


def one_step(*items):
    return FrameworkSpec("t", "1", (StepSpec(1, "A", tuple(items)),))


def test_weights_change_the_step_score():
    spec = one_step(ItemSpec("heavy", 1, weight=3), ItemSpec("light", 1, weight=1))
    assert score(spec, {}, {"heavy": 3, "light": 0}).step(1).score == 75
    assert score(spec, {}, {"heavy": 0, "light": 3}).step(1).score == 25


def test_critical_item_at_lowest_levels_caps_the_step():
    spec = one_step(ItemSpec("key", 1, weight=1, critical=True), ItemSpec("other", 1, weight=5))
    assert score(spec, {}, {"key": 1, "other": 3}).step(1).score == 50
    assert score(spec, {}, {"key": 2, "other": 3}).step(1).score == pytest.approx(94.44, abs=0.01)


def test_step_with_everything_not_applicable_has_no_score():
    spec = one_step(ItemSpec("x", 1))
    result = score(spec, {}, {"x": NOT_APPLICABLE})
    assert result.step(1).score is None
    assert result.overall is None and result.band is None


def test_unanswered_items_count_as_lowest_level_and_are_gaps():
    spec = one_step(ItemSpec("x", 1), ItemSpec("y", 1))
    result = score(spec, {}, {"x": 3})
    assert result.step(1).score == 50
    assert not result.step(1).is_complete
    assert [gap.item.code for gap in result.gaps] == ["y"]


def test_answer_outside_the_scale_is_refused():
    with pytest.raises(ValueError):
        score(one_step(ItemSpec("x", 1)), {}, {"x": 4})


@pytest.mark.parametrize(
    ("value", "band"),
    [(100, Band.READY), (80, Band.READY), (79.9, Band.NEARLY), (40, Band.STRENGTHEN), (0, Band.NOT_READY)],
)
def test_band_thresholds(value, band):
    assert Band.for_score(value) is band


def test_rules_on_list_and_scalar_facts():
    reimbursed = {"fact": "business_models", "any_of": ["remote_monitoring", "pecan"]}
    assert applies(reimbursed, {"business_models": ["pecan", "other"]})
    assert not applies(reimbursed, {"business_models": ["out_of_pocket"]})
    assert applies({"not": {"fact": "target_level", "equals": "head_office"}}, {"target_level": "affiliate"})
    assert applies(
        {"all": [{"fact": "has_ai", "equals": True}, {"fact": "maturity", "any_of": ["prototype"]}]},
        {"has_ai": True, "maturity": "prototype"},
    )
    assert not applies({"fact": "has_ai", "equals": True}, {})


@pytest.mark.parametrize(
    "rule",
    [
        {"fact": "colour", "equals": "blue"},
        {"fact": "has_ai", "equals": "yes"},
        {"fact": "maturity", "any_of": []},
        {"all": []},
        {"fact": "has_ai"},
        ["has_ai"],
    ],
)
def test_malformed_rules_are_refused_with_a_message(rule):
    with pytest.raises(RuleError):
        validate_rule(rule)


def test_a_critical_gap_shows_what_the_cap_really_costs_and_no_cap_badge_where_it_changes_nothing():
    from scoring import FrameworkSpec, ItemSpec, StepSpec
    from scoring import score as compute

    items = (
        ItemSpec("C", 1, weight=1, critical=True),
        *(ItemSpec(f"I{n}", 1, weight=1) for n in range(4)),
    )
    spec = FrameworkSpec("t", "1", (StepSpec(1, "p", items),))
    answers = {"C": 0, **{f"I{n}": 3 for n in range(4)}}
    result = compute(spec, {}, answers)
    step = result.step(1)
    assert step.score == 50 and step.capped  # raw 80, capped at 50
    critical = next(gap for gap in result.gaps if gap.item.code == "C")
    assert round(critical.lost_points) == 20  # its own share of the step
    assert critical.points == 50  # reaching the top level lifts the cap too: 50 → 100
    assert critical.cap_points == 30

    # Everything low: the raw score is under the cap already, so the cap changes nothing.
    low = compute(spec, {}, {"C": 0, **{f"I{n}": 0 for n in range(4)}})
    assert low.step(1).score == 0 and not low.step(1).capped
    assert next(gap for gap in low.gaps if gap.item.code == "C").cap_points == 0
