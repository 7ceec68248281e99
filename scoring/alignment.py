"""Alignment of a startup's expectations with a pharma company's transparency profile.

Pure: plain dicts in (the snapshot's frozen profile and target, the pharma profile as data),
a list of criteria out, each "match", "partial", "mismatch" or "unknown" with its reason. The
criteria follow the guide's dual checklist: therapeutic areas (SC-1), partnership modes (PC-6),
the startup's expectations against the company's needs (SC-4 / PC-9), budget (PC-5), decision
time against cash runway (SE-3 / PC-4), and affiliate or head office against deployment abroad
(SC-5, step 2).

Score: match counts 1, partial 0.5, mismatch 0; unknown criteria (a side said nothing) leave the
mean. With nothing known the score is None, never 0 or 100.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MATCH, PARTIAL, MISMATCH, UNKNOWN = "match", "partial", "mismatch", "unknown"
POINTS = {MATCH: 1.0, PARTIAL: 0.5, MISMATCH: 0.0}
WEEKS_PER_MONTH = 4.345

# Which pharma needs can serve which startup expectation (profile choices, see partnerships.models.choices).
SERVED_BY: dict[str, frozenset[str]] = {
    "financing": frozenset({"co_development", "pipeline_integration", "tender_sourcing"}),
    "technology_development": frozenset({"co_development"}),
    "experiment_deployment": frozenset({"data_collection", "pipeline_integration", "tender_sourcing"}),
    "user_access": frozenset({"data_collection", "pipeline_integration"}),
    "expertise": frozenset({"co_development", "pipeline_integration", "data_collection", "tender_sourcing", "other"}),
    "other": frozenset({"other"}),
}

LABELS = {
    "therapeutic_areas": gettext_lazy("Therapeutic areas"),
    "partnership_modes": gettext_lazy("Partnership modes"),
    "needs": gettext_lazy("Your expectations and the company's needs"),
    "budget": gettext_lazy("Budget"),
    "decision_time": gettext_lazy("Decision time and cash runway"),
    "entity": gettext_lazy("Affiliate or head office, and deployment abroad"),
}


@dataclass(frozen=True)
class AlignmentCriterion:
    key: str
    status: str
    reason: str

    @property
    def label(self) -> str:
        return str(LABELS[self.key])


@dataclass(frozen=True)
class Alignment:
    criteria: tuple[AlignmentCriterion, ...]

    @property
    def score(self) -> float | None:
        known = [POINTS[c.status] for c in self.criteria if c.status != UNKNOWN]
        return round(100 * sum(known) / len(known), 1) if known else None


def _set(data: Mapping[str, Any], key: str) -> set[str]:
    return {str(value) for value in (data.get(key) or [])}


Labeller = Callable[[str], str]  # a choice's code → the words a user reads


def _listed(codes: set[str], label: Labeller) -> str:
    return ", ".join(sorted(label(code) for code in codes))


def _overlap(
    key: str, wanted: set[str], offered: set[str], texts: dict[str, str], label: Labeller
) -> AlignmentCriterion:
    if not wanted or not offered:
        return AlignmentCriterion(key, UNKNOWN, texts["unknown"])
    shared = wanted & offered
    if shared == wanted:
        return AlignmentCriterion(key, MATCH, texts["match"])
    if shared:
        return AlignmentCriterion(key, PARTIAL, texts["partial"] % {"missing": _listed(wanted - offered, label)})
    return AlignmentCriterion(key, MISMATCH, texts["mismatch"])


def _therapeutic_areas(profile, pharma, label: Labeller) -> AlignmentCriterion:
    wanted, offered = _set(profile, "therapeutic_areas"), _set(pharma, "therapeutic_areas")
    return _overlap(
        "therapeutic_areas",
        wanted,
        offered,
        {
            "unknown": _("One side has not stated its therapeutic areas."),
            "match": _("The company works in every therapeutic area of the solution."),
            "partial": _("The company works in some of the solution's therapeutic areas, not in: %(missing)s."),
            "mismatch": _("The company works in none of the solution's therapeutic areas."),
        },
        label,
    )


def _partnership_modes(profile, target, pharma, label: Labeller) -> AlignmentCriterion:
    wanted = _set(profile, "partnership_sought") | _set(target, "partnership_sought")
    offered = _set(pharma, "partnership_modes")
    if pharma.get("equity_investment"):
        offered.add("equity_investment")
    return _overlap(
        "partnership_modes",
        wanted,
        offered,
        {
            "unknown": _("The partnership sought or the modes offered are not stated."),
            "match": _("Every partnership mode sought is offered."),
            "partial": _("Some partnership modes sought are not offered: %(missing)s."),
            "mismatch": _("None of the partnership modes sought is offered."),
        },
        label,
    )


def _needs(profile, pharma, label: Labeller) -> AlignmentCriterion:
    expected, needs = _set(profile, "pharma_expectations"), _set(pharma, "needs")
    if not expected or not needs:
        return AlignmentCriterion("needs", UNKNOWN, _("Your expectations or the company's needs are not stated."))
    served = {expectation for expectation in expected if SERVED_BY.get(expectation, frozenset()) & needs}
    if served == expected:
        return AlignmentCriterion("needs", MATCH, _("Each of your expectations meets a need the company states."))
    if served:
        return AlignmentCriterion(
            "needs",
            PARTIAL,
            _("Some expectations meet no stated need: %(missing)s.")
            % {"missing": _listed(expected - served, label)},
        )
    return AlignmentCriterion("needs", MISMATCH, _("None of your expectations meets a need the company states."))


def _budget(profile, pharma) -> AlignmentCriterion:
    if "financing" not in _set(profile, "pharma_expectations"):
        return AlignmentCriterion("budget", MATCH, _("You do not expect financing from this partnership."))
    if (pharma.get("budget_ranges") or "").strip():
        return AlignmentCriterion("budget", MATCH, _("You expect financing and the company publishes its budgets."))
    return AlignmentCriterion(
        "budget",
        PARTIAL,
        _("You expect financing but the company publishes no budget: ask for it (the guide asks it)."),
    )


def _decision_time(profile, pharma) -> AlignmentCriterion:
    runway_months, decision_weeks = profile.get("cash_runway_months"), pharma.get("typical_decision_weeks")
    if runway_months is None or decision_weeks is None:
        return AlignmentCriterion(
            "decision_time", UNKNOWN, _("The cash runway or the typical decision time is not stated.")
        )
    runway_weeks = runway_months * WEEKS_PER_MONTH
    values = {"weeks": decision_weeks, "months": runway_months}
    if decision_weeks <= runway_weeks / 2:
        return AlignmentCriterion(
            "decision_time",
            MATCH,
            _("A decision in about %(weeks)s weeks fits a runway of %(months)s months.") % values,
        )
    if decision_weeks <= runway_weeks:
        return AlignmentCriterion(
            "decision_time",
            PARTIAL,
            _("A decision in about %(weeks)s weeks uses more than half of a %(months)s-month runway.") % values,
        )
    return AlignmentCriterion(
        "decision_time",
        MISMATCH,
        _("A decision in about %(weeks)s weeks comes after the %(months)s-month runway ends: say so early.") % values,
    )


def _entity(profile, pharma) -> AlignmentCriterion:
    level = pharma.get("level")
    if not level:
        return AlignmentCriterion(
            "entity", UNKNOWN, _("The company does not say whether it is an affiliate or a head office.")
        )
    if level != "head_office":
        return AlignmentCriterion(
            "entity", MATCH, _("A French affiliate works on the French market, where you deploy.")
        )
    if profile.get("deploys_abroad"):
        return AlignmentCriterion("entity", MATCH, _("A head office may deploy in several countries, and so do you."))
    return AlignmentCriterion(
        "entity",
        PARTIAL,
        _("A head office decides more slowly and may expect a multi-country deployment; you deploy in France only."),
    )


def alignment_compute(
    profile: Mapping[str, Any],
    target: Mapping[str, Any],
    pharma: Mapping[str, Any],
    *,
    label: Labeller = str,
) -> Alignment:
    """Compare the startup (its frozen profile and target meeting) with a pharma company's profile.
    `label` names the codes a reason lists (areas, modes, expectations); by default the codes themselves."""
    return Alignment(
        criteria=(
            _therapeutic_areas(profile, pharma, label),
            _partnership_modes(profile, target, pharma, label),
            _needs(profile, pharma, label),
            _budget(profile, pharma),
            _decision_time(profile, pharma),
            _entity(profile, pharma),
        )
    )
