"""An edit of the guide (staff in the admin) bumps its framework's revision, the key of its cached data."""

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from .models import Framework, Item, Phase, Section, Step


def _framework_id(instance) -> int | None:
    if isinstance(instance, Section):
        return Step.objects.filter(pk=instance.step_id).values_list("framework_id", flat=True).first()
    return instance.framework_id


def _bump(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    framework_id = _framework_id(instance)
    if framework_id is not None:
        Framework.objects.filter(pk=framework_id).update(revision=F("revision") + 1)


def _bump_own(sender, instance, created=False, update_fields=None, raw=False, **kwargs) -> None:
    if raw or created or (update_fields is not None and set(update_fields) <= {"revision"}):
        return
    Framework.objects.filter(pk=instance.pk).update(revision=F("revision") + 1)


def connect() -> None:
    for model in (Phase, Step, Section, Item):
        post_save.connect(_bump, sender=model, dispatch_uid=f"guide_revision_save_{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"guide_revision_delete_{model.__name__}")
    post_save.connect(_bump_own, sender=Framework, dispatch_uid="guide_revision_framework")
