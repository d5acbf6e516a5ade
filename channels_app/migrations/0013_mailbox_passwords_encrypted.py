"""Mailboxes' IMAP passwords encrypted at rest (common/encrypted_fields.py, docs/adr/0027): the
column becomes text (a Fernet token is longer than the password), and each stored password is
read (a plaintext value reads as itself) and saved again, encrypted. Backwards, each is written
back as plaintext."""

from django.db import migrations

import common.encrypted_fields


def encrypt_passwords(apps, schema_editor):
    Mailbox = apps.get_model("channels_app", "Mailbox")
    for mailbox in Mailbox.objects.using(schema_editor.connection.alias).only("password"):
        if mailbox.password:
            mailbox.save(update_fields=["password"])


def decrypt_passwords(apps, schema_editor):
    Mailbox = apps.get_model("channels_app", "Mailbox")
    connection = schema_editor.connection
    table = connection.ops.quote_name(Mailbox._meta.db_table)
    # Read decrypted through the field; written past it, as plaintext.
    rows = list(Mailbox.objects.using(connection.alias).values_list("pk", "password"))
    with connection.cursor() as cursor:
        for pk, password in rows:
            cursor.execute(f"UPDATE {table} SET password = %s WHERE id = %s", [password or "", pk])


class Migration(migrations.Migration):
    dependencies = [
        ("channels_app", "0012_quarantine_reasons_too_complex_sender_not_stored"),
    ]

    operations = [
        migrations.AlterField(
            model_name="mailbox",
            name="password",
            field=common.encrypted_fields.EncryptedSecretField(
                blank=True, max_length=200, verbose_name="IMAP password"
            ),
        ),
        migrations.RunPython(encrypt_passwords, decrypt_passwords),
    ]
