"""Where a score stands among peers, from a cohort's quantiles only (never the peers' own scores).

`QUANTILES` are the levels kept for a cohort (5 %, 10 % … 95 %): the extremes (0 % and 100 %) are left out
because they would be one organisation's exact score. `percentile_cont` is PostgreSQL's function of the same
name (linear interpolation), for databases without it; `percentile_of` reads a score's percentile back from
the kept quantiles.
"""

from collections.abc import Sequence

QUANTILES: tuple[float, ...] = tuple(level / 100 for level in range(5, 100, 5))
Q25, Q50, Q75 = QUANTILES.index(0.25), QUANTILES.index(0.5), QUANTILES.index(0.75)


def percentile_cont(values: Sequence[float], fraction: float) -> float:
    """The value at `fraction` (0..1) of the sorted values, interpolated linearly (as PostgreSQL does)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile of no values")
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def cohort_quantiles(values: Sequence[float]) -> list[float]:
    return [percentile_cont(values, fraction) for fraction in QUANTILES]


def percentile_of(score: float, quantiles: Sequence[float]) -> float:
    """The percentile (5..95) of `score` on a cohort's quantile curve; a score equal to several quantiles sits
    in the middle of them (ties are common: scores take few values)."""
    levels = [fraction * 100 for fraction in QUANTILES]
    if score < quantiles[0]:
        return levels[0]
    if score > quantiles[-1]:
        return levels[-1]
    equal = [level for level, value in zip(levels, quantiles, strict=True) if abs(value - score) < 1e-9]
    if equal:
        return (equal[0] + equal[-1]) / 2
    for index in range(len(quantiles) - 1):
        low, high = quantiles[index], quantiles[index + 1]
        if low < score < high:
            return levels[index] + (levels[index + 1] - levels[index]) * (score - low) / (high - low)
    return levels[-1]  # not reached: the curve is sorted
