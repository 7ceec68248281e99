"""The KPI trajectory engine: expected values, progress, alert levels, due dates."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from scoring import kpi

TERMS = kpi.Terms(
    baseline=100, target=20, start=date(2026, 1, 1), target_date=date(2027, 1, 1), meeting_below=70, review_below=40
)


def test_lower_is_better_kpis_measure_progress_towards_the_target():
    middle = date(2026, 7, 2)  # about half way: 60 expected
    assert round(kpi.expected(TERMS, middle)) == 60
    assert kpi.alert_level(TERMS, 60, middle) == kpi.NONE
    assert kpi.alert_level(TERMS, 75, middle) == kpi.MEETING  # 62 % of the expected progress
    assert kpi.alert_level(TERMS, 90, middle) == kpi.STRATEGIC_REVIEW  # 25 %
    assert kpi.alert_level(TERMS, 100, TERMS.start) == kpi.NONE  # nothing expected yet


def test_a_value_is_overdue_one_period_after_the_last():
    assert not kpi.is_overdue(date(2026, 3, 1), TERMS.start, "monthly", date(2026, 4, 1))
    assert kpi.is_overdue(date(2026, 3, 1), TERMS.start, "monthly", date(2026, 4, 2))
    assert kpi.value_due(None, date.max, "quarterly") == date.max


@given(st.floats(min_value=-1e6, max_value=1e6), st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 1, 1)))
def test_the_alert_level_never_improves_as_the_value_moves_away_from_the_target(value, on):
    rank = {kpi.NONE: 0, kpi.MEETING: 1, kpi.STRATEGIC_REVIEW: 2}
    assert rank[kpi.alert_level(TERMS, value + 10, on)] >= rank[kpi.alert_level(TERMS, value, on)]
