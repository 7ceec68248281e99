"""The alignment of a dossier: the startup's frozen expectations against the receiving company's profile."""

from django.utils import timezone

from scoring.alignment import alignment_compute

from ..models import Dossier, PartnershipMode, PharmaExpectation, PharmaProfile, TherapeuticArea
from ..scoring_text import PHARMA, STARTUP, AlignmentText, alignment_text
from .pharma import pharma_profile_as_dict


def choice_labels() -> dict[str, str]:
    """The words for every code an alignment reason may list, in the active language."""
    labels = {area.code: str(area) for area in TherapeuticArea.objects.all()}
    labels.update((code, str(label)) for code, label in PharmaExpectation.choices)
    labels.update((code, str(label)) for code, label in PartnershipMode.choices)
    return labels


def dossier_alignment(dossier: Dossier, *, for_pharma: bool = False) -> AlignmentText:
    """The alignment, in the voice of the side that reads it; the decision date asked counts from the day sent."""
    profile = (
        PharmaProfile.objects.select_related("organisation")
        .prefetch_related("therapeutic_areas")
        .filter(organisation_id=dossier.pharma_id)
        .first()
    )
    pharma = pharma_profile_as_dict(profile) if profile else {}
    snapshot = dossier.snapshot
    labels = choice_labels()
    alignment = alignment_compute(
        snapshot.profile or {},
        snapshot.target or {},
        pharma,
        decision_by=dossier.decision_needed_by,
        asked_on=timezone.localdate(dossier.submitted_at) if dossier.submitted_at else None,
    )
    return alignment_text(alignment, voice=PHARMA if for_pharma else STARTUP, label=lambda code: labels.get(code, code))
