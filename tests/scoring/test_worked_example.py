"""The worked example of docs/scoring.md, computed by the engine."""

import pytest

from scoring import NOT_APPLICABLE, Band, FrameworkSpec, ItemSpec, StepSpec, score

DEVICE = {"fact": "is_medical_device", "equals": True}
AI = {"fact": "has_ai", "equals": True}

SPEC = FrameworkSpec(
    slug="example",
    version="1",
    steps=(
        StepSpec(1, "A", (ItemSpec("A", 1, 3, critical=True), ItemSpec("B", 1, 2), ItemSpec("C", 1, 1))),
        StepSpec(2, "A", (ItemSpec("D", 2, 2), ItemSpec("E", 2, 1), ItemSpec("F", 2, 2, rule=DEVICE))),
        StepSpec(3, "B", (ItemSpec("G", 3, 1, rule=AI),)),
        StepSpec(4, "B", (ItemSpec("H", 4, 1), ItemSpec("I", 4, 3))),
    ),
)
FACTS = {"is_medical_device": False, "has_ai": False}
ANSWERS = {"A": 1, "B": 3, "C": 2, "D": 2, "E": NOT_APPLICABLE, "H": 3}


def test_worked_example_matches_the_documentation():
    result = score(SPEC, FACTS, ANSWERS)

    assert result.step(1).score == 50 and result.step(1).capped
    assert result.step(2).score == pytest.approx(66.667, abs=0.01)
    assert result.step(3).score is None and not result.step(3).is_applicable
    assert result.step(4).score == 25
    assert result.phases["A"] == pytest.approx(58.33, abs=0.01)
    assert result.phases["B"] == 25
    assert result.overall == pytest.approx(47.22, abs=0.01)
    assert result.band is Band.STRENGTHEN
    assert [gap.item.code for gap in result.gaps] == ["A", "I", "D", "C"]
    assert [round(gap.lost_points, 2) for gap in result.gaps] == [33.33, 75.0, 33.33, 5.56]
    assert {item.code for item in result.excluded} == {"F", "G"}
