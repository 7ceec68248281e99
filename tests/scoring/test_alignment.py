"""The alignment of a startup with a pharma company: each criterion matches, partly matches or not, with why.

Scoring speaks in codes: a key, a status, a reason code and raw parameters. The sentences are the caller's
(tests/partnerships/test_alignment_text.py)."""

import ast
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import scoring
from scoring.alignment import KEYS, MATCH, MISMATCH, PARTIAL, UNKNOWN, alignment_compute

STARTUP = {
    "therapeutic_areas": ["cardiology", "diabetology"],
    "partnership_sought": ["co_promotion"],
    "pharma_expectations": ["financing", "user_access"],
    "cash_runway_months": 12,
    "deploys_abroad": True,
}
TARGET = {"level": "head_office", "partnership_sought": ["clinical_development"]}
PHARMA = {
    "level": "head_office",
    "therapeutic_areas": ["cardiology", "diabetology", "oncology"],
    "partnership_modes": ["co_promotion", "clinical_development"],
    "needs": ["co_development", "data_collection"],
    "budget_ranges": "50-200 k€ for a pilot",
    "typical_decision_weeks": 8,
    "equity_investment": False,
}


def statuses(alignment):
    return {criterion.key: criterion.status for criterion in alignment.criteria}


def criterion(alignment, key):
    return next(c for c in alignment.criteria if c.key == key)


def test_a_startup_and_a_company_that_fit_on_every_point_score_100():
    alignment = alignment_compute(STARTUP, TARGET, PHARMA)
    assert set(statuses(alignment).values()) == {MATCH}
    assert alignment.score == 100


def test_each_difference_is_named_with_its_reason():
    pharma = {
        **PHARMA,
        "therapeutic_areas": ["oncology"],
        "partnership_modes": ["co_promotion"],
        "budget_ranges": "",
        "typical_decision_weeks": 60,
    }
    startup = {**STARTUP, "deploys_abroad": False}
    alignment = alignment_compute(startup, TARGET, pharma)
    found = statuses(alignment)
    assert found["therapeutic_areas"] == MISMATCH
    assert found["partnership_modes"] == PARTIAL
    modes = criterion(alignment, "partnership_modes")
    assert (modes.reason, modes.params) == (PARTIAL, {"missing": ("clinical_development",)})
    assert found["budget"] == PARTIAL
    assert found["decision_time"] == MISMATCH  # 60 weeks > 12 months of cash
    assert found["entity"] == PARTIAL  # a head office, a startup deployed in France only
    assert 0 < alignment.score < 50


def test_a_partial_reason_lists_the_missing_codes_raw_for_the_caller_to_name():
    pharma = {**PHARMA, "partnership_modes": ["co_promotion"], "therapeutic_areas": ["cardiology"], "needs": ["other"]}
    alignment = alignment_compute(STARTUP, TARGET, pharma)
    assert criterion(alignment, "partnership_modes").params == {"missing": ("clinical_development",)}
    assert criterion(alignment, "therapeutic_areas").params == {"missing": ("diabetology",)}
    needs = criterion(alignment, "needs")
    assert (needs.status, needs.reason) == (MISMATCH, MISMATCH)  # "other" serves neither financing nor user access
    some = alignment_compute(STARTUP, TARGET, {**PHARMA, "needs": ["data_collection"]})
    assert criterion(some, "needs").params == {"missing": ("financing",)}


def test_each_criterion_has_a_stable_key_and_a_reason_code():
    alignment = alignment_compute(STARTUP, {**TARGET, "level": "affiliate"}, {**PHARMA, "budget_ranges": ""})
    assert tuple(c.key for c in alignment.criteria) == KEYS
    assert {c.key: c.reason for c in alignment.criteria} == {
        "therapeutic_areas": MATCH,
        "partnership_modes": MATCH,
        "needs": MATCH,
        "budget": "no_budget_published",
        "decision_time": "compared",
        "entity": "head_office_abroad",
    }
    assert criterion(alignment, "decision_time").params == {"weeks": 8, "months": 12, "runway": MATCH}
    france_only = alignment_compute({**STARTUP, "deploys_abroad": False}, TARGET, {**PHARMA, "level": "affiliate"})
    assert criterion(france_only, "entity").reason == "affiliate"
    no_level = alignment_compute({**STARTUP, "pharma_expectations": ["expertise"]}, TARGET, {**PHARMA, "level": ""})
    assert criterion(no_level, "entity").reason == "level_unknown"
    assert criterion(no_level, "budget").reason == "no_financing_expected"


def test_scoring_imports_nothing_from_django():
    for path in Path(scoring.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {name for name in imported if name.split(".")[0] == "django"}, path.name


def test_equity_investment_counts_as_offered_when_the_company_says_it_is_possible():
    startup = {**STARTUP, "partnership_sought": ["equity_investment"]}
    target = {"level": "affiliate", "partnership_sought": []}
    assert statuses(alignment_compute(startup, target, PHARMA))["partnership_modes"] == MISMATCH
    pharma = {**PHARMA, "equity_investment": True}
    assert statuses(alignment_compute(startup, target, pharma))["partnership_modes"] == MATCH


def test_what_neither_side_stated_is_unknown_and_left_out_of_the_score():
    alignment = alignment_compute({}, {}, {})
    assert all(c.status in (UNKNOWN, MATCH) for c in alignment.criteria)
    assert statuses(alignment)["decision_time"] == UNKNOWN
    only_unknown = alignment_compute({"pharma_expectations": ["financing"]}, {}, {"budget_ranges": ""})
    assert statuses(only_unknown)["budget"] == PARTIAL


CODES = st.lists(st.sampled_from(["cardiology", "oncology", "diabetology", "neurology"]), max_size=3)
MODES_OFFERED = ["co_promotion", "clinical_development", "equity_investment", "expertise"]
MODES = st.lists(st.sampled_from(MODES_OFFERED), max_size=3)
EXPECTATIONS = st.lists(
    st.sampled_from(["financing", "technology_development", "experiment_deployment", "user_access", "expertise"]),
    max_size=3,
)
NEEDS = st.lists(st.sampled_from(["co_development", "tender_sourcing", "pipeline_integration", "data_collection"]))
startups = st.fixed_dictionaries(
    {
        "therapeutic_areas": CODES,
        "partnership_sought": MODES,
        "pharma_expectations": EXPECTATIONS,
        "cash_runway_months": st.none() | st.integers(0, 60),
        "deploys_abroad": st.booleans(),
    }
)
pharmas = st.fixed_dictionaries(
    {
        "level": st.sampled_from(["affiliate", "head_office", ""]),
        "therapeutic_areas": CODES,
        "partnership_modes": MODES,
        "needs": NEEDS,
        "budget_ranges": st.text(max_size=5),
        "typical_decision_weeks": st.none() | st.integers(1, 100),
        "equity_investment": st.booleans(),
    }
)


@given(startups, pharmas, st.none() | st.dates(), st.none() | st.dates())
def test_the_score_is_in_range_and_the_same_input_gives_the_same_output(startup, pharma, decision_by, asked_on):
    # A decision date without the day it was asked (a dossier not sent yet) and no runway: nothing to compare.
    first = alignment_compute(startup, {}, pharma, decision_by=decision_by, asked_on=asked_on)
    second = alignment_compute(startup, {}, pharma, decision_by=decision_by, asked_on=asked_on)
    assert first == second
    assert first.score is None or 0 <= first.score <= 100
    assert len(first.criteria) == 6


@given(startups, pharmas)
def test_offering_more_partnership_modes_never_lowers_the_score(startup, pharma):
    richer = {**pharma, "partnership_modes": MODES_OFFERED}
    before, after = alignment_compute(startup, {}, pharma).score, alignment_compute(startup, {}, richer).score
    if before is not None:
        assert after >= before


def test_the_example_of_docs_scoring_md_scores_70():
    """Areas match, modes partial, needs match, budget partial, decision time unknown, entity partial."""
    startup = {**STARTUP, "cash_runway_months": None, "deploys_abroad": False}
    target = {**TARGET, "partnership_sought": ["clinical_development", "equity_investment"]}
    pharma = {**PHARMA, "budget_ranges": ""}
    alignment = alignment_compute(startup, target, pharma)
    assert statuses(alignment) == {
        "therapeutic_areas": MATCH,
        "partnership_modes": PARTIAL,
        "needs": MATCH,
        "budget": PARTIAL,
        "decision_time": UNKNOWN,
        "entity": PARTIAL,
    }
    assert alignment.score == 70


def test_a_company_in_none_of_the_solutions_areas_is_a_mismatch_overall_capped_low():
    # Every other criterion matches: the guide's first filter still fails.
    pharma = {**PHARMA, "therapeutic_areas": ["oncology"]}
    alignment = alignment_compute(STARTUP, TARGET, pharma)
    assert statuses(alignment)["therapeutic_areas"] == MISMATCH
    assert alignment.outside_areas
    assert alignment.status == MISMATCH
    assert alignment.score <= 25
    fitting = alignment_compute(STARTUP, TARGET, PHARMA)
    assert not fitting.outside_areas and fitting.status == MATCH


def test_decision_time_is_compared_with_the_decision_date_the_dossier_asks_for():
    from datetime import date, timedelta

    asked_on = date(2026, 3, 2)
    pharma = {**PHARMA, "typical_decision_weeks": 10}
    startup = {**STARTUP, "cash_runway_months": 24}  # the runway alone would be fine
    soon = alignment_compute(startup, TARGET, pharma, decision_by=asked_on + timedelta(days=19), asked_on=asked_on)
    found = criterion(soon, "decision_time")
    assert found.status == MISMATCH
    assert found.reason == "compared"
    assert found.params == {"weeks": 10, "days": 19, "date": MISMATCH, "months": 24, "runway": MATCH}
    later = alignment_compute(startup, TARGET, pharma, decision_by=asked_on + timedelta(days=90), asked_on=asked_on)
    assert statuses(later)["decision_time"] == MATCH


def test_the_verdict_does_not_depend_on_who_reads_it():
    """The voice (startup or pharma side) is the caller's: scoring has no such parameter."""
    import inspect

    assert "voice" not in inspect.signature(alignment_compute).parameters
