"""The alignment of a dossier: the startup's frozen expectations against the receiving company's profile."""

from scoring.alignment import Alignment, alignment_compute

from ..models import Dossier, PharmaProfile
from .pharma import pharma_profile_as_dict


def dossier_alignment(dossier: Dossier) -> Alignment:
    profile = (
        PharmaProfile.objects.select_related("organisation")
        .prefetch_related("therapeutic_areas")
        .filter(organisation_id=dossier.pharma_id)
        .first()
    )
    pharma = pharma_profile_as_dict(profile) if profile else {}
    snapshot = dossier.snapshot
    return alignment_compute(snapshot.profile or {}, snapshot.target or {}, pharma)
