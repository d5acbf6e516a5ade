# The postcode index gains the name (possible duplicates compare it in the index); an
# operator-class index exists only on PostgreSQL, as in 0005.

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models


class OnPostgres:
    """Operator-class indexes exist only on PostgreSQL; the embedded SQLite default keeps the
    operation in the migration state only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class RemoveIndexOnPostgres(OnPostgres, migrations.RemoveIndex):
    pass


class AddIndexOnPostgres(OnPostgres, migrations.AddIndex):
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0017_queue_indexes_cover_visibility"),
    ]

    operations = [
        RemoveIndexOnPostgres(
            model_name="customer",
            name="customer_postcode_compact",
        ),
        AddIndexOnPostgres(
            model_name="customer",
            index=models.Index(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper(
                        django.db.models.functions.text.Replace(
                            models.F("postcode"), models.Value(" "), models.Value("")
                        )
                    ),
                    name="text_pattern_ops",
                ),
                django.db.models.functions.text.Upper(
                    django.db.models.functions.text.Trim(models.F("name"))
                ),
                name="customer_postcode_name",
            ),
        ),
    ]
