"""Writes on the startup's own data: its profile and the target companies it prepares to meet."""

from django.db import transaction
from django.utils import timezone

from ..models import DeviceClass, Organisation, StartupProfile, TargetCompany, User
from .audit import audit_record


@transaction.atomic
def startup_profile_update(*, profile: StartupProfile, data: dict, therapeutic_areas, user: User) -> StartupProfile:
    """Save the profile facts; assessments read them live, so applicability follows at once."""
    for field, value in data.items():
        setattr(profile, field, value)
    if not profile.is_medical_device:
        profile.device_class = DeviceClass.NONE
    if profile.processes_health_data:
        profile.processes_personal_data = True  # health data is personal data
    profile.full_clean()
    profile.save()
    profile.therapeutic_areas.set(therapeutic_areas)
    return profile


@transaction.atomic
def target_create(*, organisation: Organisation, data: dict, user: User) -> TargetCompany:
    target = TargetCompany(organisation=organisation, **data)
    target.full_clean()
    target.save()
    audit_record(organisation=organisation, actor=user, action="target_created", description=target.name)
    return target


@transaction.atomic
def target_update(*, target: TargetCompany, data: dict, user: User) -> TargetCompany:
    for field, value in data.items():
        setattr(target, field, value)
    target.full_clean()
    target.save(update_fields=list(data))
    return target


@transaction.atomic
def target_archive(*, target: TargetCompany, archived: bool, user: User) -> TargetCompany:
    """Archive a target the startup no longer pursues (or bring it back); nothing of it is deleted."""
    target.archived_at = timezone.now() if archived else None
    target.save(update_fields=["archived_at"])
    audit_record(
        organisation=target.organisation,
        actor=user,
        action="target_archived" if archived else "target_restored",
        description=target.name,
    )
    return target
