"""Reads on the startup's own data, always scoped to the user's organisation (a foreign id is a 404)."""

from django.db.models import Prefetch, QuerySet

from ..models import Assessment, AssessmentSnapshot, Organisation, PharmaProfile, StartupProfile, TargetCompany


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


def directory_target_initial(pharma_id: str | None) -> dict:
    """A new target's first values for a company of the directory (its name, entity, link); {} if unknown."""
    if not pharma_id or not str(pharma_id).isdigit() or len(str(pharma_id)) > 12:
        return {}
    profile = (
        PharmaProfile.objects.filter(organisation_id=int(pharma_id), is_published=True)
        .select_related("organisation")
        .first()
    )
    if profile is None:
        return {}
    return {"name": profile.organisation.name, "pharma": profile.organisation_id, "level": profile.level}


def directory_actions(organisation: Organisation, pharma: Organisation) -> dict:
    """For a company's directory page: the startup's target linked to it (not archived) and that target's latest
    snapshot, which a dossier sends."""
    target = (
        targets_for_organisation(organisation)
        .filter(pharma=pharma, archived_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    snapshot = (
        AssessmentSnapshot.objects.filter(assessment__target=target).order_by("-created_at", "-id").first()
        if target
        else None
    )
    return {"target": target, "snapshot": snapshot}
