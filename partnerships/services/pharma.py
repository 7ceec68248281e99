"""Writes on the pharma company's transparency profile."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import PharmaProfile, User
from ..selectors.trust import publish_blockers, publish_refusal
from .audit import audit_record


@transaction.atomic
def pharma_profile_update(*, profile: PharmaProfile, data: dict, therapeutic_areas, user: User) -> PharmaProfile:
    # A bound ModelForm has already copied its data onto `profile`: read the stored flag.
    was_published = PharmaProfile.objects.filter(pk=profile.pk, is_published=True).exists()
    for field, value in data.items():
        setattr(profile, field, value)
    blockers = publish_blockers(profile) if profile.is_published and not was_published else []
    if blockers:
        raise ValidationError({"is_published": publish_refusal(blockers)})
    profile.full_clean()
    profile.save()
    profile.therapeutic_areas.set(therapeutic_areas)
    if profile.is_published != was_published:
        action = "profile_published" if profile.is_published else "profile_unpublished"
        audit_record(organisation=profile.organisation, actor=user, action=action, description=str(profile))
    return profile
