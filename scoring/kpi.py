"""KPI trajectories and alert levels (the guide's steps 9 and 10): pure functions, no Django.

A KPI goes from its baseline (at its start date) to its target (at its target date) along a straight
line, the *expected trajectory*. A value is judged by the share of the expected progress it made:
100 % is on track, 70 % is 30 % behind. Below the agreed alert levels (e.g. 70 % → a meeting, 40 % → a
strategic review) the partnership's rules say what to do. "Lower is better" KPIs (diagnosis time,
hospitalisations) work the same way: progress is measured towards the target, whichever way it lies.
"""

from dataclasses import dataclass
from datetime import date, timedelta

NONE, MEETING, STRATEGIC_REVIEW = "", "meeting", "strategic_review"
FREQUENCY_DAYS = {"monthly": 31, "quarterly": 92, "half_yearly": 183}


@dataclass(frozen=True)
class Terms:
    baseline: float
    target: float
    start: date
    target_date: date
    meeting_below: float  # percent of the expected progress, e.g. 70
    review_below: float  # e.g. 40


def expected(terms: Terms, on: date) -> float:
    """The value the trajectory expects on `on` (the baseline before the start, the target after the date)."""
    span = (terms.target_date - terms.start).days
    if span <= 0 or on >= terms.target_date:
        return terms.target
    if on <= terms.start:
        return terms.baseline
    return terms.baseline + (terms.target - terms.baseline) * (on - terms.start).days / span


def progress(terms: Terms, value: float, on: date) -> float | None:
    """The share (in %) of the expected progress made by `on`; None while nothing is expected yet."""
    wanted = expected(terms, on) - terms.baseline
    if wanted == 0:
        return None
    return 100.0 * (value - terms.baseline) / wanted


def alert_level(terms: Terms, value: float, on: date) -> str:
    """MEETING, STRATEGIC_REVIEW or NONE for `value` measured on `on`."""
    share = progress(terms, value, on)
    if share is None:
        return NONE
    if share < terms.review_below:
        return STRATEGIC_REVIEW
    if share < terms.meeting_below:
        return MEETING
    return NONE


def value_due(last: date | None, start: date, frequency: str) -> date:
    """When the next value is due: one period after the last value (or after the start)."""
    try:
        return (last or start) + timedelta(days=FREQUENCY_DAYS.get(frequency, 31))
    except OverflowError:  # a start date at the end of the calendar: nothing is ever due
        return date.max


def is_overdue(last: date | None, start: date, frequency: str, today: date) -> bool:
    return today > value_due(last, start, frequency)
