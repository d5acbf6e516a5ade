"""Load the council's Customer Care Standards (2015 document) in Welsh and English.

The data lives in ``standards/data/catalogue_v1.json``; a later revision of the catalogue ships
as a new file and a new migration, so this one always loads what it loaded the first time.
"""

import json
from pathlib import Path

from django.db import migrations

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "catalogue_v1.json"


def load(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    Behaviour = apps.get_model("standards", "Behaviour")
    Target = apps.get_model("standards", "Target")
    BusinessHours = apps.get_model("standards", "BusinessHours")
    if not BusinessHours.objects.exists():
        BusinessHours.objects.create()
    for row in json.loads(CATALOGUE.read_text(encoding="utf-8")):
        standard, _ = Standard.objects.update_or_create(
            code=row["code"],
            defaults={
                "section": row["section"],
                "channel": row["channel"],
                "contact_type": row["contact_type"],
                "case_kind": row["case_kind"],
                "selectable": row["selectable"],
                "position": row["position"],
                # modeltranslation's fields: the untranslated column mirrors the default (en).
                "event": row["event_en"],
                "event_en": row["event_en"],
                "event_cy": row["event_cy"],
                "commitment": row["commitment_en"],
                "commitment_en": row["commitment_en"],
                "commitment_cy": row["commitment_cy"],
            },
        )
        standard.behaviours.all().delete()
        Behaviour.objects.bulk_create(
            Behaviour(standard=standard, position=(index + 1) * 10, text=item["en"],
                      text_en=item["en"], text_cy=item["cy"])
            for index, item in enumerate(row["behaviours"])
        )
        for target in row["targets"]:
            Target.objects.update_or_create(
                standard=standard,
                milestone=target["milestone"],
                defaults={
                    "rule": target["rule"],
                    "amount": target["amount"],
                    "description": target["description_en"],
                    "description_en": target["description_en"],
                    "description_cy": target["description_cy"],
                },
            )


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
