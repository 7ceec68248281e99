"""Reads on pharma companies: their transparency profile, its completeness, the directory."""

from dataclasses import dataclass

from django.db.models import QuerySet

from checklists.i18n import active_language
from checklists.models import Item
from checklists.selectors import framework_current, framework_spec
from scoring import NOT_APPLICABLE, Result, score

from ..models import Organisation, PharmaProfile
from .trust import verified_q

# Commitments that are attitudes rather than facts a profile can show (understand startups' stakes,
# accept their disruptive approach): they leave the completeness score, like "not applicable" answers.
ATTITUDE_COMMITMENTS = ("PC-1", "PC-2")
EXPERTISE_MODES = {"expertise", "market_access", "clinical_development"}


def pharma_profile_for(organisation: Organisation) -> PharmaProfile:
    profile, _ = PharmaProfile.objects.get_or_create(organisation=organisation)
    return profile


def pharma_profile_as_dict(profile: PharmaProfile) -> dict:
    """The profile as plain data, for the alignment and the data export."""
    return {
        "name": profile.organisation.name,
        "is_published": profile.is_published,
        "level": profile.level,
        "therapeutic_areas": sorted(area.code for area in profile.therapeutic_areas.all()),
        "entry_point": profile.entry_point,
        "decision_makers": profile.decision_makers,
        "decision_milestones": profile.decision_milestones,
        "typical_decision_weeks": profile.typical_decision_weeks,
        "budget_ranges": profile.budget_ranges,
        "partnership_modes": list(profile.partnership_modes),
        "needs": list(profile.needs),
        "equity_investment": profile.equity_investment,
        "referent_name": profile.referent_name,
    }


def _filled(text: str) -> bool:
    return bool((text or "").strip())


def _decision_speed(weeks: int | None) -> int:
    # The guide: startups cannot wait months for a decision (PC-8, SE-3).
    if weeks is None:
        return 0
    return 3 if weeks <= 8 else 2 if weeks <= 12 else 1 if weeks <= 26 else 0


def commitment_answers(profile: PharmaProfile) -> dict[str, int | str]:
    """What the profile shows of each pharma commitment of the guide, on the 0-3 answer scale.

    PC-3 decision makers, PC-4 milestones and timings (text and typical weeks), PC-5 budgets,
    PC-6 partnership modes (and whether equity investment is possible is stated by the flag),
    PC-7 a named referent (and an address), PC-8 agility: the typical decision time,
    PC-9 the company's needs, PC-10 transparency: the profile is published,
    PC-11 shared expertise: expertise, market access or clinical development offered.
    """
    milestones = _filled(profile.decision_milestones) + (profile.typical_decision_weeks is not None)
    referent = _filled(profile.referent_name) + _filled(profile.referent_email)
    answers: dict[str, int | str] = {
        "PC-3": 3 if _filled(profile.decision_makers) else 0,
        "PC-4": {0: 0, 1: 2, 2: 3}[milestones],
        "PC-5": 3 if _filled(profile.budget_ranges) else 0,
        "PC-6": 3 if profile.partnership_modes else 0,
        "PC-7": {0: 0, 1: 2, 2: 3}[referent],
        "PC-8": _decision_speed(profile.typical_decision_weeks),
        "PC-9": 3 if profile.needs else 0,
        "PC-10": 3 if profile.is_published else 0,
        "PC-11": 3 if EXPERTISE_MODES & set(profile.partnership_modes) else 0,
    }
    answers.update(dict.fromkeys(ATTITUDE_COMMITMENTS, NOT_APPLICABLE))
    return answers


@dataclass(frozen=True)
class Completeness:
    result: Result | None

    @property
    def score(self) -> float | None:
        return self.result.overall if self.result else None

    @property
    def missing(self) -> list[str]:
        """The commitments the profile does not show yet, in the active language, in the guide's order."""
        language = active_language()
        gaps = sorted(self.result.gaps, key=lambda gap: int(gap.item.code.split("-")[1])) if self.result else []
        return [gap.item.text.get(language) or gap.item.text["fr"] for gap in gaps]


def pharma_completeness(profile: PharmaProfile) -> Completeness:
    """The profile scored with the readiness engine against the guide's pharma commitments."""
    framework = framework_current()
    if framework is None:
        return Completeness(None)
    spec = framework_spec(framework, kind=Item.Kind.COMMITMENT, side=Item.Side.PHARMA)
    return Completeness(score(spec, {}, commitment_answers(profile)))


def directory(*, therapeutic_area: str = "", partnership_mode: str = "") -> QuerySet[PharmaProfile]:
    """Published profiles of verified pharma companies, filtered; two queries per page whatever their number."""
    profiles = PharmaProfile.objects.filter(verified_q("organisation__"), is_published=True)
    if therapeutic_area:
        profiles = profiles.filter(therapeutic_areas__code=therapeutic_area)
    if partnership_mode:
        # JSON list stored as text such as ["co_promotion"]: match the quoted code, on every database.
        profiles = profiles.filter(partnership_modes__icontains=f'"{partnership_mode}"')
    return (
        profiles.select_related("organisation__identity")
        .prefetch_related("therapeutic_areas")
        .order_by("organisation__name")
    )


def published_profile(pk: int) -> PharmaProfile | None:
    return directory().filter(pk=pk).first()
