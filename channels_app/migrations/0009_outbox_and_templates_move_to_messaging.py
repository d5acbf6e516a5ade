"""The outbox and the message templates move to ``messaging``: their tables stay (the state
alone moves here; ``messaging.0002`` renames the tables)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("channels_app", "0008_resolution_satisfaction_link"),
        ("messaging", "0001_outbox_and_templates_from_channels_app"),
        # Its data migration reads the templates under their old app.
        ("complaints", "0003_default_categories_stages_and_wording"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='outboundmessage',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='outboundmessage',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='outboundmessage',
                    name='posted_by',
                ),
                migrations.DeleteModel(
                    name='MessageTemplate',
                ),
                migrations.DeleteModel(
                    name='OutboundMessage',
                ),
            ],
            database_operations=[],
        )
    ]
