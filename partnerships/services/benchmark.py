"""Refresh of the peer benchmark (a periodic task) and the opt-out of an organisation.

On PostgreSQL each cohort dimension is one SQL query: each startup's latest snapshot (DISTINCT ON), its step
scores unnested (jsonb_each_text), then percentile_cont per cohort and step. Other databases (SQLite in
development and tests) compute the same figures in Python with scoring.peers.percentile_cont.
"""

from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from scoring.peers import Q25, Q50, Q75, QUANTILES, cohort_quantiles

from ..models import AssessmentSnapshot, BenchmarkOptOut, Organisation, PeerAggregate, User
from .audit import audit_record

Dimension = PeerAggregate.Dimension

_LATEST = """
    SELECT DISTINCT ON (a.organisation_id) a.organisation_id, s.profile, s.step_scores
    FROM partnerships_assessmentsnapshot s
    JOIN partnerships_assessment a ON a.id = s.assessment_id
    WHERE NOT EXISTS (SELECT 1 FROM partnerships_benchmarkoptout o WHERE o.organisation_id = a.organisation_id)
    ORDER BY a.organisation_id, s.created_at DESC, s.id DESC
"""
# The cohort(s) each organisation belongs to, by dimension: one maturity stage; any number of business models.
_COHORTS = {
    Dimension.MATURITY: "SELECT organisation_id, profile->>'maturity' AS cohort, step_scores FROM latest",
    Dimension.BUSINESS_MODEL: (
        "SELECT organisation_id, model.value AS cohort, step_scores FROM latest "
        "CROSS JOIN LATERAL jsonb_array_elements_text("
        "CASE WHEN jsonb_typeof(profile->'business_models') = 'array' THEN profile->'business_models' "
        "ELSE '[]'::jsonb END) AS model"
    ),
}
_AGGREGATE = """
    WITH latest AS ({latest}), members AS ({cohorts})
    SELECT m.cohort, score.key::int AS step, count(*) AS organisations,
           percentile_cont(%s::float8[]) WITHIN GROUP (ORDER BY score.value::float8) AS quantiles
    FROM members m CROSS JOIN LATERAL jsonb_each_text(m.step_scores) AS score
    WHERE score.value IS NOT NULL AND coalesce(m.cohort, '') <> ''
    GROUP BY m.cohort, score.key
    HAVING count(*) >= %s
"""


def _rows_postgresql(dimension: str, minimum: int) -> list[tuple[str, int, int, list[float]]]:
    with connection.cursor() as cursor:
        cursor.execute(_AGGREGATE.format(latest=_LATEST, cohorts=_COHORTS[dimension]), [list(QUANTILES), minimum])
        return [(cohort, step, count, list(quantiles)) for cohort, step, count, quantiles in cursor.fetchall()]


def _rows_python(dimension: str, minimum: int) -> list[tuple[str, int, int, list[float]]]:
    opted_out = BenchmarkOptOut.objects.values("organisation_id")
    latest: dict[int, tuple[dict, dict]] = {}
    snapshots = (
        AssessmentSnapshot.objects.exclude(assessment__organisation_id__in=opted_out)
        .order_by("created_at", "id")
        .values_list("assessment__organisation_id", "profile", "step_scores")
    )
    for organisation_id, profile, step_scores in snapshots.iterator():
        latest[organisation_id] = (profile or {}, step_scores or {})
    scores: dict[tuple[str, int], list[float]] = defaultdict(list)
    for profile, step_scores in latest.values():
        if dimension == Dimension.MATURITY:
            cohorts = [profile.get("maturity")]
        else:
            models = profile.get("business_models")
            cohorts = list(dict.fromkeys(models)) if isinstance(models, list) else []
        for cohort in filter(None, cohorts):
            for step, value in step_scores.items():
                if value is not None:
                    scores[(str(cohort), int(step))].append(float(value))
    return [
        (cohort, step, len(values), cohort_quantiles(values))
        for (cohort, step), values in scores.items()
        if len(values) >= minimum
    ]


def peer_aggregates_compute(dimension: str, *, minimum: int | None = None) -> list[tuple[str, int, int, list]]:
    """(cohort, step, organisations, quantiles) of every cohort with at least `minimum` organisations."""
    minimum = settings.BENCHMARK_MIN_COHORT if minimum is None else minimum
    compute = _rows_postgresql if connection.vendor == "postgresql" else _rows_python
    return compute(dimension, minimum)


@transaction.atomic
def peer_aggregates_refresh() -> int:
    """Replace the aggregates with figures computed now; returns the number of rows (cohort × step)."""
    now = timezone.now()
    rows = [
        PeerAggregate(
            dimension=dimension,
            cohort=cohort,
            step_number=step,
            organisations=count,
            quantiles=[round(value, 3) for value in quantiles],
            p25=quantiles[Q25],
            median=quantiles[Q50],
            p75=quantiles[Q75],
            computed_at=now,
        )
        for dimension in Dimension.values
        for cohort, step, count, quantiles in peer_aggregates_compute(dimension)
    ]
    PeerAggregate.objects.all().delete()
    PeerAggregate.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def benchmark_opt_out_set(*, organisation: Organisation, user: User, opted_out: bool) -> None:
    """Leave (or join again) the peer benchmark; takes effect at the next refresh of the aggregates."""
    if opted_out:
        _, created = BenchmarkOptOut.objects.get_or_create(organisation=organisation)
    else:
        created = BenchmarkOptOut.objects.filter(organisation=organisation).delete()[0] > 0
    if created:
        audit_record(
            organisation=organisation,
            actor=user,
            action="benchmark_opted_out" if opted_out else "benchmark_opted_in",
        )
