"""Web changes and emergency information are published in both languages (docs/adr/0033).

- ``WEBSITE_CHANGE``: the English page (``publish``) and the Welsh page (``welsh_version``),
  each within 2 working days of the change taking place.
- ``EMERGENCY_WELSH``: given to emergency information cases (``emergency_information``); the
  English version within 1 hour (``publish``), the Welsh version by the end of the working day
  after the English one was published (``welsh_version``, counted from that publication). The
  untimed "measured" target it had becomes that deadline.

Written here for databases made before, and in ``catalogue_v1.json`` for new ones; both are
the same rows, so running this after a fresh load changes nothing. Cases already made keep the
milestones they were given.
"""

from django.db import migrations, models

TARGETS = {
    ("WEBSITE_CHANGE", "publish"): (
        "working_days",
        2,
        "Publish the change within 2 working days of it taking place",
        "Cyhoeddi'r newid o fewn 2 ddiwrnod gwaith i'r newid ddigwydd",
    ),
    ("WEBSITE_CHANGE", "welsh_version"): (
        "working_days",
        2,
        "Publish the change on the Welsh page within 2 working days of it taking place",
        "Cyhoeddi'r newid ar y dudalen Gymraeg o fewn 2 ddiwrnod gwaith i'r newid ddigwydd",
    ),
    ("EMERGENCY_WELSH", "publish"): (
        "hours",
        1,
        "Publish the emergency information in English within 1 hour",
        "Cyhoeddi'r wybodaeth frys yn Saesneg o fewn awr",
    ),
    ("EMERGENCY_WELSH", "welsh_version"): (
        "working_days",
        1,
        "Publish the Welsh version by the end of the working day after the English version",
        "Cyhoeddi'r fersiwn Gymraeg erbyn diwedd y diwrnod gwaith ar ôl y fersiwn Saesneg",
    ),
}


def timed(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    Target = apps.get_model("standards", "Target")
    Standard.objects.filter(code="EMERGENCY_WELSH").update(
        case_kind="emergency_information", selectable=True
    )
    for (code, milestone), (rule, amount, english, welsh) in TARGETS.items():
        standard = Standard.objects.filter(code=code).first()
        if standard is None:  # an administrator removed it: nothing to time
            continue
        defaults = {
            "rule": rule,
            "amount": amount,
            "description": english,
            "description_en": english,
            "description_cy": welsh,
        }
        # The typed descriptions went in 0009 (written from the rule since); a test runs this
        # function against today's models too.
        fields = {field.name for field in Target._meta.get_fields()}
        Target.objects.update_or_create(
            standard=standard,
            milestone=milestone,
            defaults={key: value for key, value in defaults.items() if key in fields},
        )


def untimed(apps, schema_editor):
    Standard = apps.get_model("standards", "Standard")
    Target = apps.get_model("standards", "Target")
    Standard.objects.filter(code="EMERGENCY_WELSH").update(case_kind="", selectable=False)
    unused = Target.objects.filter(milestones__isnull=True)
    unused.filter(standard__code="WEBSITE_CHANGE", milestone="welsh_version").delete()
    unused.filter(standard__code="EMERGENCY_WELSH", milestone="publish").delete()
    Target.objects.filter(standard__code="EMERGENCY_WELSH", milestone="welsh_version").update(
        rule="measured", amount=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0007_subject_access_request_standard"),
        ("contacts", "0020_case_anonymised_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="target",
            name="milestone",
            field=models.CharField(
                choices=[
                    ("acknowledge", "Acknowledge"),
                    ("confirm", "Confirm who and when"),
                    ("respond", "Respond"),
                    ("callback", "Call back"),
                    ("seen", "See the customer"),
                    ("arrive", "Arrive"),
                    ("publish", "Publish in English"),
                    ("contact", "Make contact"),
                    ("outcome", "Tell the outcome"),
                    ("resolve", "Resolve"),
                    ("welsh_version", "Publish the Welsh version"),
                ],
                max_length=24,
                verbose_name="milestone",
            ),
        ),
        migrations.RunPython(timed, untimed),
    ]
