"""Scores read the same with the fast `whole` filter as with Django's `floatformat:0`, in both languages."""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from partnerships.templatetags.number_tags import whole

numbers = st.one_of(
    st.floats(allow_nan=False),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, places=3),
    st.sampled_from([0.5, 1.5, 2.5, -0.5, -0.4, 49.5, 99.99, 0.49999999999999994, "", None, "abc", "12.5"]),
)


@given(value=numbers)
def test_whole_is_floatformat_0(value):
    for language in ("fr", "en"):
        with translation.override(language):
            assert whole(value) == floatformat(value, 0), value


def test_a_score_reads_as_a_whole_number():
    assert [whole(v) for v in (66.5, 67.49, Decimal("-0.3"), None)] == ["67", "67", "0", ""]
