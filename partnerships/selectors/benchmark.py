"""Reads on the peer benchmark: a startup's steps against its cohorts, and the percentiles pharma teams see.

Everything comes from the aggregates table (never another organisation's answers); a cohort below
settings.BENCHMARK_MIN_COHORT is never shown, even if its row exists (the setting may have been raised).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from checklists.models import Step
from scoring.peers import percentile_of

from ..models import AssessmentSnapshot, BusinessModel, Dossier, Maturity, PeerAggregate
from ..peer_charts import peer_svg

Dimension = PeerAggregate.Dimension


def _aggregates(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str, int], PeerAggregate]:
    """(dimension, cohort, step) → aggregate, for the given (dimension, cohort) pairs, in one query."""
    query = Q()
    for dimension, cohort in set(pairs):
        query |= Q(dimension=dimension, cohort=cohort)
    if not query:
        return {}
    rows = PeerAggregate.objects.filter(query, organisations__gte=settings.BENCHMARK_MIN_COHORT)
    return {(row.dimension, row.cohort, row.step_number): row for row in rows}


def _percentile(score: float | None, aggregate: PeerAggregate | None) -> float | None:
    return None if score is None or aggregate is None else round(percentile_of(score, aggregate.quantiles))


@dataclass
class PeerRow:
    step: Step
    score: float | None
    aggregate: PeerAggregate | None
    percentile: float | None
    chart: SafeString | None


@dataclass
class PeerCohort:
    dimension: str
    cohort: str
    label: str
    rows: list[PeerRow] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return any(row.aggregate for row in self.rows)

    @property
    def organisations(self) -> int:
        return max((row.aggregate.organisations for row in self.rows if row.aggregate), default=0)


def snapshot_benchmark(snapshot: AssessmentSnapshot | None) -> list[PeerCohort]:
    """The snapshot's step scores against its maturity cohort and its business-model cohort (the first of its
    business models with enough peers), in two queries."""
    if snapshot is None:
        return []
    profile = snapshot.profile or {}
    maturity = profile.get("maturity") or ""
    models = [m for m in (profile.get("business_models") or []) if isinstance(m, str)]
    found = _aggregates([(Dimension.MATURITY, maturity), *((Dimension.BUSINESS_MODEL, m) for m in models)])
    steps = list(Step.objects.filter(framework_id=snapshot.framework_id).order_by("number"))
    # The first business model with enough peers; when none has, the first one, named over "too few peers".
    model = next((m for m in models if any(key[:2] == (Dimension.BUSINESS_MODEL, m) for key in found)), "")
    model = model or (models[0] if models else "")
    labels = {**dict(Maturity.choices), **dict(BusinessModel.choices)}
    cohorts = []
    for dimension, cohort in ((Dimension.MATURITY, maturity), (Dimension.BUSINESS_MODEL, model)):
        group = PeerCohort(dimension, cohort, str(labels.get(cohort, cohort)))
        for step in steps:
            score = (snapshot.step_scores or {}).get(str(step.number))
            aggregate = found.get((dimension, cohort, step.number))
            chart = None
            if aggregate is not None:
                title = _(
                    "Step %(number)s: your score %(score)s; peers' median %(median)s, middle half %(p25)s–%(p75)s"
                ) % {
                    "number": step.number,
                    "score": "—" if score is None else round(score),
                    "median": round(aggregate.median),
                    "p25": round(aggregate.p25),
                    "p75": round(aggregate.p75),
                }
                chart = mark_safe(  # noqa: S308 - peer_svg escapes its only text, the title
                    peer_svg(
                        low=aggregate.quantiles[0],
                        p25=aggregate.p25,
                        median=aggregate.median,
                        p75=aggregate.p75,
                        high=aggregate.quantiles[-1],
                        score=score,
                        title=title,
                    )
                )
            group.rows.append(PeerRow(step, score, aggregate, _percentile(score, aggregate), chart))
        cohorts.append(group)
    return cohorts


def dossiers_percentiles(dossiers: Iterable[Dossier]) -> dict[int, list[tuple[int, float | None]]]:
    """Dossier id → [(step, percentile in its maturity cohort)], for a page of dossiers in two queries whatever
    their number: their snapshots' step scores, then the aggregates of the maturity stages they show. Dossiers
    whose cohort is too small get no entry."""
    dossiers = list(dossiers)
    scores = dict(
        AssessmentSnapshot.objects.filter(pk__in={d.snapshot_id for d in dossiers}).values_list("pk", "step_scores")
    )
    return _percentiles(dossiers, scores)


def dossier_percentiles(dossier: Dossier) -> list[tuple[int, float | None]]:
    """The same for one dossier whose snapshot is loaded: one query."""
    return _percentiles([dossier], {dossier.snapshot_id: dossier.snapshot.step_scores}).get(dossier.pk, [])


def _percentiles(dossiers: list[Dossier], scores: dict) -> dict[int, list[tuple[int, float | None]]]:
    found = _aggregates((Dimension.MATURITY, d.maturity) for d in dossiers if d.maturity)
    result = {}
    for dossier in dossiers:
        step_scores = scores.get(dossier.snapshot_id) or {}
        row = [
            (int(step), _percentile(score, found.get((Dimension.MATURITY, dossier.maturity, int(step)))))
            for step, score in sorted(step_scores.items(), key=lambda pair: int(pair[0]))
        ]
        if any(percentile is not None for _step, percentile in row):
            result[dossier.pk] = row
    return result
