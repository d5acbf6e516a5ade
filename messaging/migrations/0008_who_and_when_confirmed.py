"""The confirmation of who is dealing with an enquiry and when the full response will come
(SPEC §10), and its default wording in Welsh and English for every standard, by e-mail, text
and letter (``messaging/data/confirmations_v1.json``). An edited template is never overwritten.
"""

import json
from pathlib import Path

from django.db import migrations, models

DATA = Path(__file__).resolve().parent.parent / "data" / "confirmations_v1.json"
PURPOSE = "confirmation"


def load(apps, schema_editor):
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    for method, text in json.loads(DATA.read_text(encoding="utf-8")).items():
        MessageTemplate.objects.get_or_create(
            standard=None,
            purpose=PURPOSE,
            method=method,
            defaults={
                # modeltranslation: the untranslated column mirrors the default (en).
                "subject": text["subject_en"],
                "subject_en": text["subject_en"],
                "subject_cy": text["subject_cy"],
                "body": text["body_en"],
                "body_en": text["body_en"],
                "body_cy": text["body_cy"],
            },
        )


def unload(apps, schema_editor):
    apps.get_model("messaging", "MessageTemplate").objects.filter(purpose=PURPOSE).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('messaging', '0007_automatic_replies_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='messagetemplate',
            name='purpose',
            field=models.CharField(choices=[('acknowledgement', 'Acknowledgement'), ('reply', 'Reply from an officer'), ('confirmation', 'Who is dealing with it, and when'), ('extension', 'Extension notice'), ('resolution', 'Resolution'), ('out_of_office', 'Out-of-office reply')], max_length=24, verbose_name='purpose'),
        ),
        migrations.AlterField(
            model_name='outboundmessage',
            name='purpose',
            field=models.CharField(choices=[('acknowledgement', 'Acknowledgement'), ('reply', 'Reply from an officer'), ('confirmation', 'Who is dealing with it, and when'), ('extension', 'Extension notice'), ('resolution', 'Resolution'), ('out_of_office', 'Out-of-office reply'), ('member_notice', 'Notice to a councillor or clerk'), ('sla_alert', 'Deadline alert to staff'), ('transfer_notice', 'Transfer notice to staff'), ('compliment', 'Compliment passed on')], max_length=24, verbose_name='purpose'),
        ),
        migrations.RunPython(load, unload),
    ]
