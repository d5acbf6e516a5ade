import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The LIKE index PostgreSQL got for the unique key when the table was channels_app's: the
# AlterField below drops it only under the name it would have had in this app.
DROP_OLD_LIKE_INDEX = 'DROP INDEX IF EXISTS "channels_app_outboundmessage_key_ee672cee_like"'


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0009_sla_alerts_moved_to_messaging'),
        ('messaging', '0005_recorded_on_the_case'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='outboundmessage',
            name='author',
            field=models.ForeignKey(blank=True, db_index=False, help_text='The officer whose signature the message carries.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='from officer'),
        ),
        migrations.AlterField(
            model_name='outboundmessage',
            name='key',
            field=models.CharField(max_length=120, verbose_name='key'),
        ),
        migrations.AlterField(
            model_name='outboundmessage',
            name='posted_by',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='posted by'),
        ),
        migrations.AddIndex(
            model_name='outboundmessage',
            index=models.Index(condition=models.Q(('author__isnull', False)), fields=['author'], name='message_author'),
        ),
        migrations.AddIndex(
            model_name='outboundmessage',
            index=models.Index(condition=models.Q(('posted_by__isnull', False)), fields=['posted_by'], name='message_posted_by'),
        ),
        migrations.AddConstraint(
            model_name='outboundmessage',
            constraint=models.UniqueConstraint(fields=('key',), name='message_key_unique'),
        ),
        migrations.RunSQL(DROP_OLD_LIKE_INDEX, migrations.RunSQL.noop),
    ]
