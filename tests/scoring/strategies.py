"""Hypothesis strategies: random frameworks, profiles and answers."""

from hypothesis import strategies as st

from scoring import NOT_APPLICABLE, FrameworkSpec, ItemSpec, StepSpec

RULES = st.sampled_from(
    [
        None,
        {"fact": "is_medical_device", "equals": True},
        {"fact": "has_ai", "equals": True},
        {"fact": "business_models", "any_of": ["remote_monitoring", "pecan"]},
        {"not": {"fact": "target_level", "equals": "head_office"}},
    ]
)


@st.composite
def frameworks(draw) -> FrameworkSpec:
    steps = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        items = tuple(
            ItemSpec(
                code=f"S{number}-C{index}",
                step=number,
                weight=draw(st.integers(1, 3)),
                critical=draw(st.booleans()),
                rule=draw(RULES),
            )
            for index in range(draw(st.integers(0, 5)))
        )
        steps.append(StepSpec(number, "A" if number <= 3 else "B", items))
    return FrameworkSpec("random", "1", tuple(steps))


profiles = st.fixed_dictionaries(
    {
        "is_medical_device": st.booleans(),
        "has_ai": st.booleans(),
        "business_models": st.lists(st.sampled_from(["remote_monitoring", "pecan", "out_of_pocket"]), unique=True),
        "target_level": st.sampled_from(["affiliate", "head_office"]),
    }
)

ANSWER_VALUES = st.one_of(st.none(), st.just(NOT_APPLICABLE), st.integers(0, 3))


def answers_for(spec: FrameworkSpec):
    codes = [item.code for step in spec.steps for item in step.items]
    return st.fixed_dictionaries(dict.fromkeys(codes, ANSWER_VALUES))
