"""The words for the codes `scoring` returns: band labels, alignment criteria's labels and reasons.

`scoring` is pure and speaks in codes (a band's code, a criterion's key, status, reason code and raw
parameters); this is the one place that turns them into sentences, in the active language and in the voice of
the side that reads them (the startup's or the pharma company's). Templates, the PDF report and the API all
read the texts made here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scoring.alignment import MATCH, PARTIAL, Alignment, AlignmentCriterion
from scoring.engine import Band

STARTUP, PHARMA = "startup", "pharma"  # the voices: who reads the alignment

Labeller = Callable[[str], str]  # a choice's code → the words a user reads

BAND_LABELS = {
    Band.READY.code: gettext_lazy("Ready"),
    Band.NEARLY.code: gettext_lazy("Nearly ready"),
    Band.STRENGTHEN.code: gettext_lazy("To strengthen"),
    Band.NOT_READY.code: gettext_lazy("Not ready"),
}


def band_label(band: Band | str | None) -> Any:
    """A band's label (lazy: translated when shown), from the band or its code; "" for no band."""
    code = band.code if isinstance(band, Band) else band
    return BAND_LABELS.get(code, code or "")


LABELS = {
    "therapeutic_areas": gettext_lazy("Therapeutic areas"),
    "partnership_modes": gettext_lazy("Partnership modes"),
    "needs": gettext_lazy("Your expectations and the company's needs"),
    "budget": gettext_lazy("Budget"),
    "decision_time": gettext_lazy("Decision time, decision date and cash runway"),
    "entity": gettext_lazy("Affiliate or head office, and deployment abroad"),
}
PHARMA_LABELS = {**LABELS, "needs": gettext_lazy("The startup's expectations and your needs")}


def _listed(codes, label: Labeller) -> str:
    return ", ".join(sorted(label(code) for code in codes))


def _therapeutic_areas(reason: str, voice: str) -> str:
    return {
        "unknown": _("One side has not stated its therapeutic areas."),
        "match": _("The company works in every therapeutic area of the solution."),
        "partial": _("The company works in some of the solution's therapeutic areas, not in: %(missing)s."),
        "mismatch": _("The company works in none of the solution's therapeutic areas."),
    }[reason]


def _partnership_modes(reason: str, voice: str) -> str:
    return {
        "unknown": _("The partnership sought or the modes offered are not stated."),
        "match": _("Every partnership mode sought is offered."),
        "partial": _("Some partnership modes sought are not offered: %(missing)s."),
        "mismatch": _("None of the partnership modes sought is offered."),
    }[reason]


def _needs(reason: str, voice: str) -> str:
    if voice == PHARMA:
        return {
            "unknown": _("The startup's expectations or your needs are not stated."),
            "match": _("Each of the startup's expectations meets a need you state."),
            "partial": _("Some of the startup's expectations meet no need you state: %(missing)s."),
            "mismatch": _("None of the startup's expectations meets a need you state."),
        }[reason]
    return {
        "unknown": _("Your expectations or the company's needs are not stated."),
        "match": _("Each of your expectations meets a need the company states."),
        "partial": _("Some expectations meet no stated need: %(missing)s."),
        "mismatch": _("None of your expectations meets a need the company states."),
    }[reason]


def _budget(reason: str, voice: str) -> str:
    if voice == PHARMA:
        return {
            "no_financing_expected": _("The startup does not expect financing from this partnership."),
            "budgets_published": _("The startup expects financing and you publish your budgets."),
            "no_budget_published": _(
                "The startup expects financing but you publish no budget: it will ask for one (the guide asks it)."
            ),
        }[reason]
    return {
        "no_financing_expected": _("You do not expect financing from this partnership."),
        "budgets_published": _("You expect financing and the company publishes its budgets."),
        "no_budget_published": _(
            "You expect financing but the company publishes no budget: ask for it (the guide asks it)."
        ),
    }[reason]


def _entity(reason: str, voice: str) -> str:
    if voice == PHARMA:
        return {
            "level_unknown": _("Your profile does not say whether you are an affiliate or a head office."),
            "affiliate": _("As a French affiliate, you work on the French market, where the startup deploys."),
            "head_office_abroad": _("As a head office, you may deploy in several countries, and so does the startup."),
            "head_office_france_only": _(
                "A head office decides more slowly and may expect several countries; "
                "the startup deploys in France only."
            ),
        }[reason]
    return {
        "level_unknown": _("The company does not say whether it is an affiliate or a head office."),
        "affiliate": _("A French affiliate works on the French market, where you deploy."),
        "head_office_abroad": _("A head office may deploy in several countries, and so do you."),
        "head_office_france_only": _(
            "A head office decides more slowly and may expect a multi-country deployment; you deploy in France only."
        ),
    }[reason]


def _against_date(status: str) -> str:
    if status == MATCH:
        return _("A decision in about %(weeks)s weeks comes before the date asked, %(days)s days away.")
    return _("A decision in about %(weeks)s weeks comes after the date asked, only %(days)s days away.")


def _against_runway(status: str) -> str:
    if status == MATCH:
        return _("A decision in about %(weeks)s weeks fits a runway of %(months)s months.")
    if status == PARTIAL:
        return _("A decision in about %(weeks)s weeks uses more than half of a %(months)s-month runway.")
    return _("A decision in about %(weeks)s weeks comes after the %(months)s-month runway ends: say so early.")


def _decision_time(criterion: AlignmentCriterion) -> str:
    if criterion.reason == "unknown":
        return _("The cash runway or the typical decision time is not stated.")
    params = criterion.params
    found = []
    if "date" in params:
        found.append(_against_date(params["date"]) % {"weeks": params["weeks"], "days": params["days"]})
    if "runway" in params:
        found.append(_against_runway(params["runway"]) % {"weeks": params["weeks"], "months": params["months"]})
    return " ".join(found)


_REASONS = {
    "therapeutic_areas": _therapeutic_areas,
    "partnership_modes": _partnership_modes,
    "needs": _needs,
    "budget": _budget,
    "entity": _entity,
}


def criterion_reason(criterion: AlignmentCriterion, *, voice: str = STARTUP, label: Labeller = str) -> str:
    """Why the criterion has its status, in the active language and `voice`. `label` names the codes the
    reason lists (areas, modes, expectations); by default the codes themselves."""
    if criterion.key == "decision_time":
        return _decision_time(criterion)
    text = _REASONS[criterion.key](criterion.reason, voice)
    if "missing" in criterion.params:
        return text % {"missing": _listed(criterion.params["missing"], label)}
    return text


@dataclass(frozen=True)
class CriterionText:
    key: str
    status: str
    reason: str
    voice: str = STARTUP

    @property
    def label(self) -> str:
        return str((PHARMA_LABELS if self.voice == PHARMA else LABELS)[self.key])


@dataclass(frozen=True)
class AlignmentText:
    """An alignment with its words: the score and verdict of `alignment`, its criteria labelled and explained."""

    alignment: Alignment
    criteria: tuple[CriterionText, ...]

    @property
    def outside_areas(self) -> bool:
        return self.alignment.outside_areas

    @property
    def status(self) -> str | None:
        return self.alignment.status

    @property
    def score(self) -> float | None:
        return self.alignment.score


def alignment_text(alignment: Alignment, *, voice: str = STARTUP, label: Labeller = str) -> AlignmentText:
    """`alignment` in words, in the active language and the voice of the side that reads it."""
    return AlignmentText(
        alignment,
        tuple(
            CriterionText(c.key, c.status, criterion_reason(c, voice=voice, label=label), voice)
            for c in alignment.criteria
        ),
    )
