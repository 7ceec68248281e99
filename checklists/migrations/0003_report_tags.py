"""Give the guide versions already loaded the tags the report now asks for instead of step numbers and codes.

`load_framework` never changes a version already present, so the tags added to the YAML reach only fresh
databases; this applies the rules the code used to hard-code to every loaded version, keeping its reports as
they were. The revision bump renews what is cached from the guide's rows.
"""

from django.db import migrations
from django.db.models import F

NEW_TAGS = ("target_entity", "pitch_core", "health_system", "success_indicators")


def _tags_for(item) -> list[str]:
    """The tags the former hard-coded rules amount to for `item`."""
    tags = item.tags or []
    number = item.step.number
    if item.kind != "criterion":
        return []
    if number == 2 and item.code.endswith("-C2"):
        return ["target_entity"]
    if number == 3 and "pitch" in tags:
        return ["pitch_core"]
    if number == 7 and item.side == "startup":
        return ["health_system"]
    if number == 9 and "follow_up" not in tags:
        return ["success_indicators"]
    return []


def add_tags(apps, schema_editor):
    Item = apps.get_model("checklists", "Item")
    Framework = apps.get_model("checklists", "Framework")
    changed = set()
    for item in Item.objects.select_related("step"):
        missing = [tag for tag in _tags_for(item) if tag not in (item.tags or [])]
        if missing:
            item.tags = [*(item.tags or []), *missing]
            item.save(update_fields=["tags"])
            changed.add(item.framework_id)
    Framework.objects.filter(pk__in=changed).update(revision=F("revision") + 1)


def remove_tags(apps, schema_editor):
    Item = apps.get_model("checklists", "Item")
    Framework = apps.get_model("checklists", "Framework")
    changed = set()
    for item in Item.objects.all():
        kept = [tag for tag in item.tags or [] if tag not in NEW_TAGS]
        if kept != (item.tags or []):
            item.tags = kept
            item.save(update_fields=["tags"])
            changed.add(item.framework_id)
    Framework.objects.filter(pk__in=changed).update(revision=F("revision") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0002_framework_revision"),
    ]

    operations = [
        migrations.RunPython(add_tags, remove_tags),
    ]
