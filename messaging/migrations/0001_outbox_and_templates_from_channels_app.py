"""The customers' outbox and the message templates, moved from ``channels_app`` with their
tables and rows as they are (state only; no table is touched)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("channels_app", "0008_resolution_satisfaction_link"),
        ('contacts', '0006_case_next_due_at'),
        ('standards', '0003_evaluation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='MessageTemplate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('modified_at', models.DateTimeField(auto_now=True, verbose_name='modified')),
                        ('purpose', models.CharField(choices=[('acknowledgement', 'Acknowledgement'), ('reply', 'Reply from an officer'), ('extension', 'Extension notice'), ('resolution', 'Resolution'), ('out_of_office', 'Out-of-office reply')], max_length=24, verbose_name='purpose')),
                        ('method', models.CharField(choices=[('email', 'E-mail'), ('sms', 'Text message'), ('letter', 'Printed letter')], max_length=8, verbose_name='method')),
                        ('subject', models.CharField(blank=True, max_length=200, verbose_name='subject')),
                        ('subject_cy', models.CharField(blank=True, max_length=200, null=True, verbose_name='subject')),
                        ('subject_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='subject')),
                        ('body', models.TextField(verbose_name='body')),
                        ('body_cy', models.TextField(null=True, verbose_name='body')),
                        ('body_en', models.TextField(null=True, verbose_name='body')),
                        ('next_steps', models.TextField(blank=True, help_text='Shown where the body says {{ next_steps }}.', verbose_name='what happens next')),
                        ('next_steps_cy', models.TextField(blank=True, help_text='Shown where the body says {{ next_steps }}.', null=True, verbose_name='what happens next')),
                        ('next_steps_en', models.TextField(blank=True, help_text='Shown where the body says {{ next_steps }}.', null=True, verbose_name='what happens next')),
                        ('standard', models.ForeignKey(blank=True, help_text='Leave empty for the wording used by every standard without its own.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='message_templates', to='standards.standard', verbose_name='standard')),
                    ],
                    options={
                        'verbose_name': 'message template',
                        'verbose_name_plural': 'message templates',
                        'db_table': 'channels_app_messagetemplate',
                        'ordering': ['standard__position', 'purpose', 'method'],
                        'constraints': [models.UniqueConstraint(fields=('standard', 'purpose', 'method'), name='one_template_per_use'), models.UniqueConstraint(condition=models.Q(('standard__isnull', True)), fields=('purpose', 'method'), name='one_default_template_per_use')],
                    },
                ),
                migrations.CreateModel(
                    name='OutboundMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=120, unique=True, verbose_name='key')),
                        ('purpose', models.CharField(choices=[('acknowledgement', 'Acknowledgement'), ('reply', 'Reply from an officer'), ('extension', 'Extension notice'), ('resolution', 'Resolution'), ('out_of_office', 'Out-of-office reply')], max_length=24, verbose_name='purpose')),
                        ('method', models.CharField(choices=[('email', 'E-mail'), ('sms', 'Text message'), ('letter', 'Printed letter')], max_length=8, verbose_name='method')),
                        ('language', models.CharField(max_length=5, verbose_name='language')),
                        ('recipient', models.CharField(max_length=500, verbose_name='to')),
                        ('subject', models.CharField(blank=True, max_length=500, verbose_name='subject')),
                        ('body', models.TextField(blank=True, verbose_name='body')),
                        ('state', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('to_post', 'Ready to post'), ('failed', 'Failed')], default='queued', max_length=8, verbose_name='state')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('next_attempt_at', models.DateTimeField(verbose_name='next attempt')),
                        ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='claimed')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('created_at', models.DateTimeField(verbose_name='created')),
                        ('provider_reference', models.CharField(blank=True, max_length=100, verbose_name="provider's reference")),
                        ('large_print', models.BooleanField(default=False, verbose_name='large print')),
                        ('document', models.FileField(blank=True, max_length=300, upload_to='letters/%Y/%m/', verbose_name='printable letter')),
                        ('posted_at', models.DateTimeField(blank=True, null=True, verbose_name='posted')),
                        ('author', models.ForeignKey(blank=True, help_text='The officer whose signature the message carries.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='from officer')),
                        ('case', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='contacts.case', verbose_name='case')),
                        ('posted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='posted by')),
                    ],
                    options={
                        'verbose_name': 'outbound message',
                        'verbose_name_plural': 'outbound messages',
                        'db_table': 'channels_app_outboundmessage',
                        'ordering': ['created_at', 'id'],
                        'indexes': [models.Index(condition=models.Q(('state__in', ['queued', 'sending'])), fields=['next_attempt_at'], name='message_owed'), models.Index(condition=models.Q(('state', 'to_post')), fields=['created_at'], name='message_to_post'), models.Index(fields=['case', 'created_at'], name='message_case_time'), models.Index(fields=['recipient', 'created_at'], name='message_recipient_time')],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
