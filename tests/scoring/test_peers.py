"""Cohort quantiles and a score's percentile read back from them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.peers import Q50, QUANTILES, cohort_quantiles, percentile_cont, percentile_of


def test_percentile_cont_interpolates_like_postgresql():
    values = [10, 20, 30, 40]

    assert percentile_cont(values, 0.5) == 25
    assert percentile_cont(values, 0.25) == pytest.approx(17.5)
    assert percentile_cont([7], 0.9) == 7


def test_the_extremes_are_never_kept():
    quantiles = cohort_quantiles(list(range(0, 100, 10)))

    assert len(quantiles) == len(QUANTILES) == 19
    assert min(quantiles) > 0 and max(quantiles) < 90


def test_a_score_reads_its_percentile_back():
    quantiles = cohort_quantiles(list(range(101)))  # 0..100: percentile = score

    assert percentile_of(50, quantiles) == pytest.approx(50)
    assert percentile_of(37, quantiles) == pytest.approx(37)
    assert percentile_of(1, quantiles) == 5 and percentile_of(100, quantiles) == 95


def test_a_tied_score_sits_in_the_middle_of_its_quantiles():
    quantiles = cohort_quantiles([50] * 10 + [0, 100])

    assert quantiles[Q50] == 50
    assert 40 <= percentile_of(50, quantiles) <= 60


@given(st.lists(st.floats(0, 100), min_size=1, max_size=50), st.floats(0, 100))
def test_percentiles_grow_with_the_score(values, score):
    quantiles = cohort_quantiles(values)

    assert quantiles == sorted(quantiles)
    assert 5 <= percentile_of(score, quantiles) <= 95
    assert percentile_of(min(score + 5, 100), quantiles) >= percentile_of(score, quantiles) - 1e-9
