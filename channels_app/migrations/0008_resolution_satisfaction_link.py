"""The resolution e-mail asks the one-click satisfaction question (standards.satisfaction).

Only the shipped default wording gains the paragraph: a template an administrator has edited is
left as they wrote it (they can add ``{{ satisfaction_link }}`` themselves).
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "officer_messages_v1.json"
MARK = "{{ welsh_welcome }}"
QUESTION = {
    "cy": (
        "A oeddech yn fodlon â'r ffordd y deliwyd â'ch cyswllt? Dywedwch wrthym gydag un "
        "clic: {{ satisfaction_link }}\n\n"
    ),
    "en": (
        "Were you satisfied with how we dealt with your contact? Tell us with one click: "
        "{{ satisfaction_link }}\n\n"
    ),
}


def add_question(apps, schema_editor):
    MessageTemplate = apps.get_model("channels_app", "MessageTemplate")
    shipped = json.loads(DATA.read_text(encoding="utf-8"))["resolution"]["email"]
    template = MessageTemplate.objects.filter(
        standard=None, purpose="resolution", method="email"
    ).first()
    if template is None:
        return
    if template.body_cy != shipped["body_cy"] or template.body_en != shipped["body_en"]:
        return
    template.body_cy = shipped["body_cy"].replace(MARK, QUESTION["cy"] + MARK, 1)
    template.body_en = shipped["body_en"].replace(MARK, QUESTION["en"] + MARK, 1)
    template.body = template.body_en
    template.save(update_fields=["body", "body_cy", "body_en"])


def remove_question(apps, schema_editor):
    MessageTemplate = apps.get_model("channels_app", "MessageTemplate")
    for template in MessageTemplate.objects.filter(
        standard=None, purpose="resolution", method="email"
    ):
        template.body_cy = template.body_cy.replace(QUESTION["cy"], "")
        template.body_en = template.body_en.replace(QUESTION["en"], "")
        template.body = template.body_en
        template.save(update_fields=["body", "body_cy", "body_en"])


class Migration(migrations.Migration):
    dependencies = [("channels_app", "0007_inbound_mailboxes_and_quarantine")]

    operations = [migrations.RunPython(add_question, remove_question)]
