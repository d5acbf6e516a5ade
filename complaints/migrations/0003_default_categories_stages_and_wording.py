"""The Ombudsman's subject categories with the policy's default timescales, the standards the
complaint stages' milestones hang on, and the complaint standard's own wording of the final
response, which tells the complainant of their right to go to the Ombudsman.

The data lives in ``complaints/data/defaults_v1.json``; rows administrators have since edited
are never overwritten.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "defaults_v1.json"


def load(apps, schema_editor):
    ComplaintCategory = apps.get_model("complaints", "ComplaintCategory")
    Standard = apps.get_model("standards", "Standard")
    Target = apps.get_model("standards", "Target")
    MessageTemplate = apps.get_model("channels_app", "MessageTemplate")
    data = json.loads(DATA.read_text(encoding="utf-8"))

    for position, row in enumerate(data["categories"], start=1):
        ComplaintCategory.objects.get_or_create(
            code=row["code"],
            defaults={
                "position": position,
                "name": row["en"],
                "name_en": row["en"],
                "name_cy": row["cy"],
                "stage1_acknowledge_days": row.get("stage1_acknowledge_days"),
                "stage2_days": row.get("stage2_days", 20),
            },
        )

    for row in data["standards"]:
        standard, created = Standard.objects.get_or_create(
            code=row["code"],
            defaults={
                "section": "feedback",
                "case_kind": "complaint",
                "selectable": False,
                "position": row["position"],
                "event": row["event_en"],
                "event_en": row["event_en"],
                "event_cy": row["event_cy"],
                "commitment": row["commitment_en"],
                "commitment_en": row["commitment_en"],
                "commitment_cy": row["commitment_cy"],
            },
        )
        if not created:
            continue
        for target in row["targets"]:
            Target.objects.create(
                standard=standard,
                milestone=target["milestone"],
                rule="working_days",
                amount=target["amount"],
                description=target["description_en"],
                description_en=target["description_en"],
                description_cy=target["description_cy"],
            )

    complaint = Standard.objects.filter(code="COMPLAINT").first()
    if complaint is None:
        return
    for method, text in data["resolution"].items():
        if MessageTemplate.objects.filter(
            standard=complaint, purpose="resolution", method=method
        ).exists():
            continue
        body = {
            code: text[f"body_{code}"].replace("{{ ombudsman }}", data[f"ombudsman_{code}"])
            for code in ("cy", "en")
        }
        MessageTemplate.objects.create(
            standard=complaint,
            purpose="resolution",
            method=method,
            subject=text["subject_en"],
            subject_en=text["subject_en"],
            subject_cy=text["subject_cy"],
            body=body["en"],
            body_en=body["en"],
            body_cy=body["cy"],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_complaints_and_feedback"),
        ("standards", "0002_load_catalogue_v1"),
        ("channels_app", "0006_default_officer_messages"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
