"""The moved tables take messaging's names (a rename: rows, indexes and constraints stay), and
their content types follow them, so that permissions granted on them are kept."""

from django.db import migrations

MOVED = ("outboundmessage", "messagetemplate")


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="messaging", model__in=MOVED).exists():
        return  # a database that ran post_migrate in between: leave both as they are
    ContentType.objects.filter(app_label="channels_app", model__in=MOVED).update(
        app_label="messaging"
    )


def content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="messaging", model__in=MOVED).update(
        app_label="channels_app"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('messaging', '0001_outbox_and_templates_from_channels_app'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='messagetemplate',
            table=None,
        ),
        migrations.AlterModelTable(
            name='outboundmessage',
            table=None,
        ),
        migrations.RunPython(content_types_follow, content_types_back),
    ]
