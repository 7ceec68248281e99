"""Reads on the startup's own data, always scoped to the user's organisation (a foreign id is a 404)."""

from django.db.models import Prefetch, QuerySet

from ..models import Assessment, AssessmentSnapshot, Organisation, StartupProfile, TargetCompany


def startup_profile_for(organisation: Organisation) -> StartupProfile:
    profile, _ = StartupProfile.objects.get_or_create(organisation=organisation)
    return profile


def targets_for_organisation(organisation: Organisation) -> QuerySet[TargetCompany]:
    return TargetCompany.objects.filter(organisation=organisation)


def target_list(organisation: Organisation) -> list[TargetCompany]:
    """Targets with their assessments and snapshots (three queries whatever their number).

    Each target gets `assessment` (its current one or None) and `latest_snapshot`.
    """
    snapshots = AssessmentSnapshot.objects.only(
        "id", "assessment_id", "created_at", "overall_score", "band", "uuid"
    ).order_by("-created_at", "-id")
    assessments = Assessment.objects.order_by("-created_at", "-id").prefetch_related(
        Prefetch("snapshots", queryset=snapshots)
    )
    targets = list(
        targets_for_organisation(organisation).prefetch_related(Prefetch("assessments", queryset=assessments))
    )
    for target in targets:
        found = list(target.assessments.all())
        target.assessment = found[0] if found else None
        target.latest_snapshot = next(iter(target.assessment.snapshots.all()), None) if target.assessment else None
    return targets
