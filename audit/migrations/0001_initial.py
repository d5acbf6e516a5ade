import django.contrib.postgres.indexes
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PATHS = [
    (1, "Case page"),
    (2, "API"),
    (3, "Search results"),
    (4, "Attachment download"),
    (5, "Letter (PDF)"),
    (6, "Export"),
    (7, "Complaint page"),
    (8, "Complaints register"),
    (9, "Customer page"),
    (10, "Member's enquiry page"),
    (11, "Open311"),
    (12, "Quality monitoring"),
    (13, "Audit of reads"),
    (14, "Audit export"),
]


class AddIndexOnPostgres(migrations.AddIndex):
    """BRIN exists only on PostgreSQL; the embedded SQLite default goes without it (its date
    ranges scan the table), so there the state changes and the table does not."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Read",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("at", models.DateTimeField(verbose_name="when")),
                (
                    "path",
                    models.PositiveSmallIntegerField(choices=PATHS, verbose_name="through"),
                ),
                ("case_id", models.BigIntegerField(null=True, verbose_name="case")),
                ("customer_id", models.BigIntegerField(null=True, verbose_name="customer")),
                (
                    "user",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="read by",
                    ),
                ),
            ],
            options={
                "verbose_name": "read",
                "verbose_name_plural": "reads",
                "db_table": "audit_read",
                "ordering": ["-at", "-id"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("case_id__isnull", False)),
                        fields=["case_id", "-at"],
                        name="audit_read_case",
                    ),
                    models.Index(fields=["user", "-at"], name="audit_read_user"),
                    models.Index(
                        condition=models.Q(("customer_id__isnull", False)),
                        fields=["customer_id", "-at"],
                        name="audit_read_customer",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("case_id__isnull", False),
                            ("customer_id__isnull", False),
                            _connector="OR",
                        ),
                        name="audit_read_of_something",
                    )
                ],
            },
        ),
        AddIndexOnPostgres(
            model_name="read",
            index=django.contrib.postgres.indexes.BrinIndex(fields=["at"], name="audit_read_at"),
        ),
    ]
