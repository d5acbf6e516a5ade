"""The subject access request's standard (UK GDPR art. 12(3), docs/adr/0031): respond within
one calendar month of receipt, counted as the Information Commissioner counts it
(``Rule.CALENDAR_MONTHS``), whatever the channel it came by. Extending it by two further
months is the officer's action on the request (``dataprotection.services.requests``).

The row is written here, in the migration, like the catalogue of 0002, so that it is what was
loaded the first time; administrators edit it afterwards like any other standard."""

from django.db import migrations

CODE = "SUBJECT_ACCESS"


def load(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    Target = apps.get_model("standards", "Target")
    standard, _ = Standard.objects.update_or_create(
        code=CODE,
        defaults={
            "section": "in_writing",
            "channel": "",
            "contact_type": "",
            "case_kind": "subject_access",
            "selectable": True,
            "position": 205,
            "event": "Asks for the personal data we hold about them",
            "event_en": "Asks for the personal data we hold about them",
            "event_cy": "Yn gofyn am y data personol sydd gennym amdanynt",
            "commitment": "Give them a copy of their personal data",
            "commitment_en": "Give them a copy of their personal data",
            "commitment_cy": "Rhoi copi o'u data personol iddynt",
        },
    )
    Target.objects.update_or_create(
        standard=standard,
        milestone="respond",
        defaults={
            "rule": "calendar_months",
            "amount": 1,
            # A month's work: flagged a working week before the deadline.
            "due_soon_working_days": 5,
            "description": "Respond within one calendar month of receipt",
            "description_en": "Respond within one calendar month of receipt",
            "description_cy": "Ymateb o fewn mis calendr o'i dderbyn",
        },
    )


def unload(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    Standard.objects.filter(code=CODE, cases__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("standards", "0006_rule_within_calendar_months")]

    operations = [migrations.RunPython(load, unload)]
