"""Default wording, in Welsh and English, of the messages officers send (replies, extension
notices, resolutions) and of out-of-office replies, used by every standard without its own.

The texts live in ``channels_app/data/officer_messages_v1.json``; administrators edit them in the
admin afterwards, and this migration never overwrites an edited template.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "officer_messages_v1.json"


def load(apps, schema_editor):
    MessageTemplate = apps.get_model("channels_app", "MessageTemplate")
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


class Migration(migrations.Migration):
    dependencies = [("channels_app", "0005_sms_letters_and_replies")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
