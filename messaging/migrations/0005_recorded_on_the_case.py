from django.conf import settings
from django.db import migrations, models

# Messages sent before this migration were put on their case's timeline when they were sent.
RECORDED_ALREADY = (
    "UPDATE messaging_outboundmessage SET recorded_at = COALESCE(sent_at, handed_over_at, created_at)"
    " WHERE state IN ('sent', 'to_post')"
)


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0009_sla_alerts_moved_to_messaging'),
        ('messaging', '0004_member_messages_and_sla_alerts_moved_in'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='outboundmessage',
            name='recorded_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='recorded on the case'),
        ),
        migrations.RunSQL(RECORDED_ALREADY, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='outboundmessage',
            index=models.Index(condition=models.Q(('recorded_at__isnull', True), ('state__in', ['sent', 'to_post'])), fields=['id'], name='message_unrecorded'),
        ),
    ]
