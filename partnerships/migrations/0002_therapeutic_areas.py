"""Seed the reference list of therapeutic areas used by profiles, the directory and the inbox."""

from django.db import migrations

AREAS = [
    ("oncology", "Oncologie", "Oncology"),
    ("cardiology", "Cardiologie", "Cardiology"),
    ("diabetes-endocrinology", "Diabétologie et endocrinologie", "Diabetes and endocrinology"),
    ("neurology", "Neurologie", "Neurology"),
    ("mental-health", "Psychiatrie et santé mentale", "Psychiatry and mental health"),
    ("respiratory", "Pneumologie", "Respiratory medicine"),
    ("immunology", "Immunologie et maladies inflammatoires", "Immunology and inflammatory diseases"),
    ("rare-diseases", "Maladies rares", "Rare diseases"),
    ("infectious-diseases", "Maladies infectieuses", "Infectious diseases"),
    ("nephrology", "Néphrologie", "Nephrology"),
    ("dermatology", "Dermatologie", "Dermatology"),
    ("gastroenterology", "Gastro-entérologie", "Gastroenterology"),
    ("haematology", "Hématologie", "Haematology"),
    ("rheumatology", "Rhumatologie", "Rheumatology"),
    ("ophthalmology", "Ophtalmologie", "Ophthalmology"),
    ("geriatrics", "Gériatrie", "Geriatrics"),
    ("paediatrics", "Pédiatrie", "Paediatrics"),
    ("womens-health", "Santé de la femme", "Women's health"),
    ("vaccines", "Vaccins", "Vaccines"),
    ("pain", "Douleur", "Pain"),
]


def seed(apps, schema_editor):
    TherapeuticArea = apps.get_model("partnerships", "TherapeuticArea")
    for code, name_fr, name_en in AREAS:
        TherapeuticArea.objects.update_or_create(code=code, defaults={"name_fr": name_fr, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
