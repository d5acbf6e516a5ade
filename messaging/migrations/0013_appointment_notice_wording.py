"""Default wording, in Welsh and English, of the notices that an appointment or an officer's
visit is running late or has been cancelled and re-booked (SPEC §10), used by every standard
without its own.

The texts live in ``messaging/data/appointment_messages_v1.json``; administrators edit them in
the admin afterwards, and this migration never overwrites an edited template. Running late has
no letter: a letter would arrive after the delay it announces, so staff phone such a customer.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "appointment_messages_v1.json"


def load(apps, schema_editor):
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for purpose, methods in data.items():
        for method, text in methods.items():
            if MessageTemplate.objects.filter(
                standard=None, purpose=purpose, method=method
            ).exists():
                continue
            MessageTemplate.objects.create(
                standard=None,
                purpose=purpose,
                method=method,
                # modeltranslation: the untranslated column mirrors the default (en).
                subject=text["subject_en"],
                subject_en=text["subject_en"],
                subject_cy=text["subject_cy"],
                body=text["body_en"],
                body_en=text["body_en"],
                body_cy=text["body_cy"],
            )


def unload(apps, schema_editor):
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    MessageTemplate.objects.filter(
        standard=None, purpose__in=["running_late", "rebooked"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("messaging", "0012_appointment_notices")]

    operations = [migrations.RunPython(load, unload)]
