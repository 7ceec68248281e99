"""Alignment of a startup's expectations with a pharma company's transparency profile.

Pure: plain dicts in (the snapshot's frozen profile and target, the pharma profile as data),
a list of criteria out, each "match", "partial", "mismatch" or "unknown" with its reason. The
criteria follow the guide's dual checklist: therapeutic areas (SC-1), partnership modes (PC-6),
the startup's expectations against the company's needs (SC-4 / PC-9), budget (PC-5), decision
time against cash runway (SE-3 / PC-4), and affiliate or head office against deployment abroad
(SC-5, step 2).

Score: match counts 1, partial 0.5, mismatch 0; unknown criteria (a side said nothing) leave the
mean. With nothing known the score is None, never 0 or 100. The therapeutic area is the guide's first
filter (SC-1): a company working in none of the solution's areas is a mismatch overall, whatever the
other criteria say, and its score is capped at OUTSIDE_AREAS_CAP.

Decision time is compared with the cash runway and, when the dossier asks for a decision by a date,
with the weeks left until that date (counted from the day the dossier is sent).

No words here: a criterion is a `key`, a `status`, a `reason` code and the raw values the reason needs
(`params`: choice codes, weeks, months, days). The caller writes the label and the sentence, in the
reader's language and voice (the startup's or the pharma side's): see partnerships.scoring_text.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MATCH, PARTIAL, MISMATCH, UNKNOWN = "match", "partial", "mismatch", "unknown"
POINTS = {MATCH: 1.0, PARTIAL: 0.5, MISMATCH: 0.0}
WEEKS_PER_MONTH = 4.345
OUTSIDE_AREAS_CAP = 25.0
KEYS = ("therapeutic_areas", "partnership_modes", "needs", "budget", "decision_time", "entity")

# Which pharma needs can serve which startup expectation (profile choices, see partnerships.models.choices).
SERVED_BY: dict[str, frozenset[str]] = {
    "financing": frozenset({"co_development", "pipeline_integration", "tender_sourcing"}),
    "technology_development": frozenset({"co_development"}),
    "experiment_deployment": frozenset({"data_collection", "pipeline_integration", "tender_sourcing"}),
    "user_access": frozenset({"data_collection", "pipeline_integration"}),
    "expertise": frozenset({"co_development", "pipeline_integration", "data_collection", "tender_sourcing", "other"}),
    "other": frozenset({"other"}),
}


@dataclass(frozen=True)
class AlignmentCriterion:
    """`reason` is a code (see each criterion below); `params` the raw values it names, codes unlabelled."""

    key: str
    status: str
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Alignment:
    criteria: tuple[AlignmentCriterion, ...]

    @property
    def outside_areas(self) -> bool:
        """The company works in none of the solution's therapeutic areas: the guide's first filter fails."""
        return any(c.key == "therapeutic_areas" and c.status == MISMATCH for c in self.criteria)

    @property
    def status(self) -> str | None:
        """The overall verdict: a mismatch whenever the therapeutic areas do not overlap."""
        if self.outside_areas:
            return MISMATCH
        score = self.score
        if score is None:
            return None
        return MATCH if score >= 75 else PARTIAL if score >= 40 else MISMATCH

    @property
    def score(self) -> float | None:
        known = [POINTS[c.status] for c in self.criteria if c.status != UNKNOWN]
        if not known:
            return None
        score = round(100 * sum(known) / len(known), 1)
        return min(score, OUTSIDE_AREAS_CAP) if self.outside_areas else score


def _set(data: Mapping[str, Any], key: str) -> set[str]:
    return {str(value) for value in (data.get(key) or [])}


def _overlap(key: str, wanted: set[str], offered: set[str]) -> AlignmentCriterion:
    """Reasons: "unknown" (a side said nothing), "match", "partial" (`missing`: the codes not offered), "mismatch"."""
    if not wanted or not offered:
        return AlignmentCriterion(key, UNKNOWN, UNKNOWN)
    shared = wanted & offered
    if shared == wanted:
        return AlignmentCriterion(key, MATCH, MATCH)
    if shared:
        return AlignmentCriterion(key, PARTIAL, PARTIAL, {"missing": tuple(sorted(wanted - offered))})
    return AlignmentCriterion(key, MISMATCH, MISMATCH)


def _therapeutic_areas(profile, pharma) -> AlignmentCriterion:
    return _overlap("therapeutic_areas", _set(profile, "therapeutic_areas"), _set(pharma, "therapeutic_areas"))


def _partnership_modes(profile, target, pharma) -> AlignmentCriterion:
    wanted = _set(profile, "partnership_sought") | _set(target, "partnership_sought")
    offered = _set(pharma, "partnership_modes")
    if pharma.get("equity_investment"):
        offered.add("equity_investment")
    return _overlap("partnership_modes", wanted, offered)


def _needs(profile, pharma) -> AlignmentCriterion:
    """Reasons as `_overlap`'s; `missing` lists the startup's expectations that meet no need of the company."""
    expected, needs = _set(profile, "pharma_expectations"), _set(pharma, "needs")
    if not expected or not needs:
        return AlignmentCriterion("needs", UNKNOWN, UNKNOWN)
    served = {expectation for expectation in expected if SERVED_BY.get(expectation, frozenset()) & needs}
    if served == expected:
        return AlignmentCriterion("needs", MATCH, MATCH)
    if served:
        return AlignmentCriterion("needs", PARTIAL, PARTIAL, {"missing": tuple(sorted(expected - served))})
    return AlignmentCriterion("needs", MISMATCH, MISMATCH)


def _budget(profile, pharma) -> AlignmentCriterion:
    """Reasons: "no_financing_expected", "budgets_published", "no_budget_published"."""
    if "financing" not in _set(profile, "pharma_expectations"):
        return AlignmentCriterion("budget", MATCH, "no_financing_expected")
    if (pharma.get("budget_ranges") or "").strip():
        return AlignmentCriterion("budget", MATCH, "budgets_published")
    return AlignmentCriterion("budget", PARTIAL, "no_budget_published")


def _against_runway(runway_months, decision_weeks) -> str:
    runway_weeks = runway_months * WEEKS_PER_MONTH
    if decision_weeks <= runway_weeks / 2:
        return MATCH
    if decision_weeks <= runway_weeks:
        return PARTIAL
    return MISMATCH


def _against_date(days: int, decision_weeks) -> str:
    return MATCH if decision_weeks * 7 <= days else MISMATCH


def _decision_time(profile, pharma, decision_by: date | None, asked_on: date | None) -> AlignmentCriterion:
    """The worse of two comparisons: the company's usual decision time against the cash runway, and against
    the date the dossier asks a decision by.

    Reasons: "unknown"; or "compared", with `weeks` (the usual decision time) and, for each comparison made,
    its status: `date` (with `days`, the days from the day asked to the date) and `runway` (with `months`)."""
    runway_months, decision_weeks = profile.get("cash_runway_months"), pharma.get("typical_decision_weeks")
    date_known = decision_by is not None and asked_on is not None
    if decision_weeks is None or (runway_months is None and not date_known):
        return AlignmentCriterion("decision_time", UNKNOWN, UNKNOWN)
    params: dict[str, Any] = {"weeks": decision_weeks}
    found = []
    if date_known:
        days = (decision_by - asked_on).days
        params.update(days=days, date=_against_date(days, decision_weeks))
        found.append(params["date"])
    if runway_months is not None:
        params.update(months=runway_months, runway=_against_runway(runway_months, decision_weeks))
        found.append(params["runway"])
    return AlignmentCriterion("decision_time", min(found, key=POINTS.__getitem__), "compared", params)


def _entity(profile, pharma) -> AlignmentCriterion:
    """Reasons: "level_unknown", "affiliate", "head_office_abroad", "head_office_france_only"."""
    level = pharma.get("level")
    if not level:
        return AlignmentCriterion("entity", UNKNOWN, "level_unknown")
    if level != "head_office":
        return AlignmentCriterion("entity", MATCH, "affiliate")
    if profile.get("deploys_abroad"):
        return AlignmentCriterion("entity", MATCH, "head_office_abroad")
    return AlignmentCriterion("entity", PARTIAL, "head_office_france_only")


def alignment_compute(
    profile: Mapping[str, Any],
    target: Mapping[str, Any],
    pharma: Mapping[str, Any],
    *,
    decision_by: date | None = None,
    asked_on: date | None = None,
) -> Alignment:
    """Compare the startup (its frozen profile and target meeting) with a pharma company's profile.
    `decision_by` is the date the dossier asks a decision by, `asked_on` the day it was asked (sent).
    The criteria come in the order of `KEYS`."""
    return Alignment(
        criteria=(
            _therapeutic_areas(profile, pharma),
            _partnership_modes(profile, target, pharma),
            _needs(profile, pharma),
            _budget(profile, pharma),
            _decision_time(profile, pharma, decision_by, asked_on),
            _entity(profile, pharma),
        )
    )
