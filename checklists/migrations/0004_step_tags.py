"""Steps get tags, as items have, so that no code names a step by its number: steps 9 and 10 of the guide
versions already loaded get the tags the YAML now gives them (`load_framework` never changes a loaded version).
The revision bump renews what is cached from the guide's rows."""

from django.db import migrations, models
from django.db.models import F

STEP_TAGS = {9: "partnership_kpis", 10: "partnership_feedback"}


def add_tags(apps, schema_editor):
    Step = apps.get_model("checklists", "Step")
    Framework = apps.get_model("checklists", "Framework")
    for number, tag in STEP_TAGS.items():
        Step.objects.filter(number=number).update(tags=[tag])
    Framework.objects.filter(steps__number__in=STEP_TAGS).update(revision=F("revision") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0003_report_tags"),
    ]

    operations = [
        migrations.AddField(
            model_name="step",
            name="tags",
            field=models.JSONField(blank=True, default=list, verbose_name="tags"),
        ),
        migrations.RunPython(add_tags, migrations.RunPython.noop),
    ]
