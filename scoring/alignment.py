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

The reasons are written in the voice of the side that reads them ("startup" or "pharma").
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MATCH, PARTIAL, MISMATCH, UNKNOWN = "match", "partial", "mismatch", "unknown"
POINTS = {MATCH: 1.0, PARTIAL: 0.5, MISMATCH: 0.0}
WEEKS_PER_MONTH = 4.345
OUTSIDE_AREAS_CAP = 25.0
STARTUP, PHARMA = "startup", "pharma"

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
    "decision_time": gettext_lazy("Decision time, decision date and cash runway"),
    "entity": gettext_lazy("Affiliate or head office, and deployment abroad"),
}
PHARMA_LABELS = {**LABELS, "needs": gettext_lazy("The startup's expectations and your needs")}


@dataclass(frozen=True)
class AlignmentCriterion:
    key: str
    status: str
    reason: str
    voice: str = STARTUP

    @property
    def label(self) -> str:
        return str((PHARMA_LABELS if self.voice == PHARMA else LABELS)[self.key])


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


def _needs(profile, pharma, label: Labeller, voice: str) -> AlignmentCriterion:
    expected, needs = _set(profile, "pharma_expectations"), _set(pharma, "needs")
    ours = voice == PHARMA
    if not expected or not needs:
        return AlignmentCriterion(
            "needs",
            UNKNOWN,
            _("The startup's expectations or your needs are not stated.")
            if ours
            else _("Your expectations or the company's needs are not stated."),
            voice,
        )
    served = {expectation for expectation in expected if SERVED_BY.get(expectation, frozenset()) & needs}
    if served == expected:
        return AlignmentCriterion(
            "needs",
            MATCH,
            _("Each of the startup's expectations meets a need you state.")
            if ours
            else _("Each of your expectations meets a need the company states."),
            voice,
        )
    if served:
        text = (
            _("Some of the startup's expectations meet no need you state: %(missing)s.")
            if ours
            else _("Some expectations meet no stated need: %(missing)s.")
        )
        return AlignmentCriterion("needs", PARTIAL, text % {"missing": _listed(expected - served, label)}, voice)
    return AlignmentCriterion(
        "needs",
        MISMATCH,
        _("None of the startup's expectations meets a need you state.")
        if ours
        else _("None of your expectations meets a need the company states."),
        voice,
    )


def _budget(profile, pharma, voice: str) -> AlignmentCriterion:
    ours = voice == PHARMA
    if "financing" not in _set(profile, "pharma_expectations"):
        text = (
            _("The startup does not expect financing from this partnership.")
            if ours
            else _("You do not expect financing from this partnership.")
        )
        return AlignmentCriterion("budget", MATCH, text, voice)
    if (pharma.get("budget_ranges") or "").strip():
        text = (
            _("The startup expects financing and you publish your budgets.")
            if ours
            else _("You expect financing and the company publishes its budgets.")
        )
        return AlignmentCriterion("budget", MATCH, text, voice)
    text = (
        _("The startup expects financing but you publish no budget: it will ask for one (the guide asks it).")
        if ours
        else _("You expect financing but the company publishes no budget: ask for it (the guide asks it).")
    )
    return AlignmentCriterion("budget", PARTIAL, text, voice)


def _against_runway(runway_months, decision_weeks) -> tuple[str, str]:
    runway_weeks = runway_months * WEEKS_PER_MONTH
    values = {"weeks": decision_weeks, "months": runway_months}
    if decision_weeks <= runway_weeks / 2:
        return MATCH, _("A decision in about %(weeks)s weeks fits a runway of %(months)s months.") % values
    if decision_weeks <= runway_weeks:
        return PARTIAL, _(
            "A decision in about %(weeks)s weeks uses more than half of a %(months)s-month runway."
        ) % values
    return (
        MISMATCH,
        _("A decision in about %(weeks)s weeks comes after the %(months)s-month runway ends: say so early.") % values,
    )


def _against_date(decision_by: date, asked_on: date, decision_weeks) -> tuple[str, str]:
    days = (decision_by - asked_on).days
    values = {"weeks": decision_weeks, "days": days}
    if decision_weeks * 7 <= days:
        return MATCH, _("A decision in about %(weeks)s weeks comes before the date asked, %(days)s days away.") % values
    return (
        MISMATCH,
        _("A decision in about %(weeks)s weeks comes after the date asked, only %(days)s days away.") % values,
    )


def _decision_time(profile, pharma, decision_by: date | None, asked_on: date | None) -> AlignmentCriterion:
    """The worse of two comparisons: the company's usual decision time against the cash runway, and against
    the date the dossier asks a decision by."""
    runway_months, decision_weeks = profile.get("cash_runway_months"), pharma.get("typical_decision_weeks")
    if decision_weeks is None or (runway_months is None and decision_by is None):
        return AlignmentCriterion(
            "decision_time", UNKNOWN, _("The cash runway or the typical decision time is not stated.")
        )
    found = []
    if decision_by is not None and asked_on is not None:
        found.append(_against_date(decision_by, asked_on, decision_weeks))
    if runway_months is not None:
        found.append(_against_runway(runway_months, decision_weeks))
    worst = min(found, key=lambda pair: POINTS[pair[0]])
    return AlignmentCriterion("decision_time", worst[0], " ".join(reason for _status, reason in found))


def _entity(profile, pharma, voice: str) -> AlignmentCriterion:
    ours = voice == PHARMA
    level = pharma.get("level")
    if not level:
        text = (
            _("Your profile does not say whether you are an affiliate or a head office.")
            if ours
            else _("The company does not say whether it is an affiliate or a head office.")
        )
        return AlignmentCriterion("entity", UNKNOWN, text, voice)
    if level != "head_office":
        text = (
            _("As a French affiliate, you work on the French market, where the startup deploys.")
            if ours
            else _("A French affiliate works on the French market, where you deploy.")
        )
        return AlignmentCriterion("entity", MATCH, text, voice)
    if profile.get("deploys_abroad"):
        text = (
            _("As a head office, you may deploy in several countries, and so does the startup.")
            if ours
            else _("A head office may deploy in several countries, and so do you.")
        )
        return AlignmentCriterion("entity", MATCH, text, voice)
    text = (
        _("A head office decides more slowly and may expect several countries; the startup deploys in France only.")
        if ours
        else _(
            "A head office decides more slowly and may expect a multi-country deployment; you deploy in France only."
        )
    )
    return AlignmentCriterion("entity", PARTIAL, text, voice)


def alignment_compute(
    profile: Mapping[str, Any],
    target: Mapping[str, Any],
    pharma: Mapping[str, Any],
    *,
    label: Labeller = str,
    decision_by: date | None = None,
    asked_on: date | None = None,
    voice: str = STARTUP,
) -> Alignment:
    """Compare the startup (its frozen profile and target meeting) with a pharma company's profile.
    `label` names the codes a reason lists (areas, modes, expectations); by default the codes themselves.
    `decision_by` is the date the dossier asks a decision by, `asked_on` the day it was asked (sent)."""
    return Alignment(
        criteria=(
            _therapeutic_areas(profile, pharma, label),
            _partnership_modes(profile, target, pharma, label),
            _needs(profile, pharma, label, voice),
            _budget(profile, pharma, voice),
            _decision_time(profile, pharma, decision_by, asked_on),
            _entity(profile, pharma, voice),
        )
    )
