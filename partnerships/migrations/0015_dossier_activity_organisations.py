"""Events and messages carry their dossier's two organisations, indexed with the date: the navigation's count of
what is new reads one organisation's recent rows (docs/performance.md, stop 23). Existing rows are filled from
their dossier; the index on the date alone, which that count used, is dropped."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def _organisation(null: bool):
    return models.ForeignKey(
        blank=True,
        null=null,
        db_constraint=False,
        db_index=False,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="partnerships.organisation",
    )


def fill_from_dossiers(apps, schema_editor):
    Dossier = apps.get_model("partnerships", "Dossier")
    for name in ("DossierEvent", "DossierMessage"):
        dossier = Dossier.objects.filter(pk=OuterRef("dossier_id"))
        apps.get_model("partnerships", name).objects.update(
            startup_id=Subquery(dossier.values("startup_id")[:1]), pharma_id=Subquery(dossier.values("pharma_id")[:1])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0014_meeting_agenda_is_draft"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="dossierevent", name="partnership_created_def020_idx"),
        migrations.RemoveIndex(model_name="dossiermessage", name="partnership_created_7a7171_idx"),
        *(
            migrations.AddField(model_name=model, name=field, field=_organisation(null=True))
            for model in ("dossierevent", "dossiermessage")
            for field in ("startup", "pharma")
        ),
        migrations.RunPython(fill_from_dossiers, migrations.RunPython.noop),
        *(
            migrations.AlterField(model_name=model, name=field, field=_organisation(null=False))
            for model in ("dossierevent", "dossiermessage")
            for field in ("startup", "pharma")
        ),
        *(
            migrations.AddIndex(model_name=model, index=models.Index(fields=[side, "created_at"], name=name))
            for model, side, name in (
                ("dossierevent", "pharma", "partnership_pharma__40904c_idx"),
                ("dossierevent", "startup", "partnership_startup_c08c2e_idx"),
                ("dossiermessage", "pharma", "partnership_pharma__8d5fcb_idx"),
                ("dossiermessage", "startup", "partnership_startup_677d96_idx"),
            )
        ),
    ]
