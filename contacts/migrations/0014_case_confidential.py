# The need-to-know flag of docs/adr/0018. On PostgreSQL, adding a boolean column with a constant
# default changes the catalogue only (no table rewrite), the complaints are marked in one
# UPDATE, and the constraint then holds every complaint to it.
#
# SQLite (the embedded first run) cannot add a NOT NULL column or a CHECK constraint through
# Django without copying the table, which fails there (the copy would remake the PostgreSQL-only
# search indexes, and the milestones' triggers of 0006 name the table). It adds the column in
# place, as SQLite can; the constraint is PostgreSQL's, and case_create keeps the rule on both.

from django.conf import settings
from django.db import migrations, models


class AddFieldInPlaceOnSqlite(migrations.AddField):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        schema_editor.execute(
            'ALTER TABLE "contacts_case" ADD COLUMN "confidential" bool NOT NULL DEFAULT 0'
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        schema_editor.execute('DROP INDEX IF EXISTS "case_confidential"')
        schema_editor.execute('ALTER TABLE "contacts_case" DROP COLUMN "confidential"')


class AddConstraintOnPostgres(migrations.AddConstraint):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def complaints_confidential(apps, schema_editor):
    Case = apps.get_model("contacts", "Case")
    Case.objects.filter(kind="complaint").update(confidential=True)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_signatures_and_absences'),
        ('contacts', '0013_voicemail_events'),
        ('standards', '0004_move_evaluation_to_performance'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddFieldInPlaceOnSqlite(
            model_name='case',
            name='confidential',
            field=models.BooleanField(default=False, editable=False, verbose_name='confidential'),
        ),
        # Going back drops the column, and the flags with it: nothing to undo.
        migrations.RunPython(complaints_confidential, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('confidential', True)), fields=['service', 'kind', '-received_at'], name='case_confidential'),
        ),
        AddConstraintOnPostgres(
            model_name='case',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'complaint'), _negated=True), ('confidential', True), _connector='OR'), name='complaint_is_confidential', violation_error_message='A complaint is always confidential.'),
        ),
    ]
