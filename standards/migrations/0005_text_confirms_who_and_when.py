"""A text's 24-hour target is the second step of the TEXT standard (SPEC §10): a message
naming who is dealing with the enquiry and when the full response will come. It becomes its
own milestone kind, ``confirm``, which the automatic thank-you does not meet.

Cases already made keep the milestones they were given: what was promised then stands.
"""

from django.db import migrations, models

TEXT = "TEXT"


def confirm(apps, schema_editor):
    Target = apps.get_model("standards", "Target")
    Target.objects.filter(standard__code=TEXT, milestone="acknowledge").update(milestone="confirm")


def acknowledge(apps, schema_editor):
    Target = apps.get_model("standards", "Target")
    Target.objects.filter(standard__code=TEXT, milestone="confirm").update(milestone="acknowledge")


class Migration(migrations.Migration):

    dependencies = [
        ('standards', '0004_move_evaluation_to_performance'),
    ]

    operations = [
        migrations.AlterField(
            model_name='target',
            name='milestone',
            field=models.CharField(choices=[('acknowledge', 'Acknowledge'), ('confirm', 'Confirm who and when'), ('respond', 'Respond'), ('callback', 'Call back'), ('seen', 'See the customer'), ('arrive', 'Arrive'), ('publish', 'Publish'), ('contact', 'Make contact'), ('outcome', 'Tell the outcome'), ('resolve', 'Resolve'), ('welsh_version', 'Publish the Welsh version')], max_length=24, verbose_name='milestone'),
        ),
        migrations.RunPython(confirm, acknowledge),
    ]
