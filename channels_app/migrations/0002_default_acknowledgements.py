"""Default acknowledgement wording, in Welsh and English, for every standard that promises an
acknowledgement or a reply, by e-mail, text message and printed letter.

The texts live in ``channels_app/data/message_templates_v1.json``; administrators edit them in
the admin afterwards, and this migration never overwrites an edited template.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "message_templates_v1.json"


def load(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    MessageTemplate = apps.get_model("channels_app", "MessageTemplate")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    standards = Standard.objects.in_bulk(list(data["standards"]), field_name="code")
    for code, steps in data["standards"].items():
        standard = standards.get(code)
        if standard is None:
            continue
        for method, text in data["methods"].items():
            MessageTemplate.objects.get_or_create(
                standard=standard,
                purpose="acknowledgement",
                method=method,
                defaults={
                    # modeltranslation: the untranslated column mirrors the default (en).
                    "subject": text["subject_en"],
                    "subject_en": text["subject_en"],
                    "subject_cy": text["subject_cy"],
                    "body": text["body_en"],
                    "body_en": text["body_en"],
                    "body_cy": text["body_cy"],
                    "next_steps": steps["next_steps_en"],
                    "next_steps_en": steps["next_steps_en"],
                    "next_steps_cy": steps["next_steps_cy"],
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("channels_app", "0001_message_templates"),
        ("standards", "0002_load_catalogue_v1"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
