"""A new case's reference worked out by PostgreSQL, in the statement that stores the case
(docs/adr/0004, docs/adr/0037): ``case_reference_next(year, prefix)`` takes the next number of
the year's sequence, creating the sequence on the year's first case, and formats it as
``contacts.references.reference_format`` does. SQLite (the embedded first run) keeps its
counter row."""

from django.db import migrations

POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION case_reference_next(year integer, prefix text) RETURNS text
    LANGUAGE plpgsql AS $$
    DECLARE
        sequence text := 'case_reference_' || year;
        number bigint;
    BEGIN
        IF to_regclass(sequence) IS NULL THEN
            -- The year's first case. A block with EXCEPTION costs a subtransaction, so only
            -- this path has one: two first cases at once may both try to create it.
            BEGIN
                EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', sequence);
            EXCEPTION WHEN unique_violation OR duplicate_table THEN
                NULL;
            END;
        END IF;
        number := nextval(sequence);
        RETURN prefix || '-' || year || '-' || lpad(number::text, greatest(6, length(number::text)), '0');
    END
    $$
    """,
]
POSTGRESQL_REVERSE = ["DROP FUNCTION IF EXISTS case_reference_next(integer, text)"]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement, None)  # its % are format()'s, not placeholders


class Migration(migrations.Migration):
    dependencies = [("contacts", "0023_next_due_on_insert_from_new_rows")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: _run(schema_editor, POSTGRESQL),
            lambda apps, schema_editor: _run(schema_editor, POSTGRESQL_REVERSE),
            elidable=False,
        )
    ]
