"""A mailbox's IMAP password is stored encrypted and never sent back to a browser: the admin's
field is empty, and left empty it keeps the current password (issue 16, finding 7)."""

import pytest
from django.db import connection
from django.urls import reverse

from channels_app.models import Mailbox
from tests.migrating import migrate

PASSWORD = "Cyfrinair-IMAP-7f3a9"
BEFORE = [("channels_app", "0012_quarantine_reasons_too_complex_sender_not_stored")]
AFTER = [("channels_app", "0013_mailbox_passwords_encrypted")]


def stored(mailbox: Mailbox) -> str:
    """The column as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT password FROM channels_app_mailbox WHERE id = %s", [mailbox.pk])
        return cursor.fetchone()[0]


def form_data(mailbox: Mailbox, **changes) -> dict:
    data = {
        "service": mailbox.service_id,
        "address": mailbox.address,
        "host": "imap.example.gov.wales",
        "port": 993,
        "use_ssl": "on",
        "username": "waste",
        "password": "",
        "folder": "INBOX",
        "is_active": "on",
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_the_password_is_encrypted_at_rest_and_read_back(mailbox):
    mailbox.password = PASSWORD
    mailbox.save()

    assert PASSWORD not in stored(mailbox)
    assert stored(mailbox).startswith("gAAAA")  # a Fernet token
    assert Mailbox.objects.get(pk=mailbox.pk).password == PASSWORD


@pytest.mark.django_db
def test_the_admin_change_page_does_not_contain_the_password(client, administrator, mailbox):
    mailbox.password = PASSWORD
    mailbox.save()
    client.force_login(administrator)

    page = client.get(reverse("admin:channels_app_mailbox_change", args=[mailbox.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert PASSWORD not in html
    assert stored(mailbox) not in html
    assert 'type="password" name="password"' in html
    assert "Leave empty to keep the current password." in html


@pytest.mark.django_db
def test_an_empty_password_keeps_the_current_one_and_a_new_one_replaces_it(
    client, administrator, mailbox
):
    mailbox.password = PASSWORD
    mailbox.save()
    client.force_login(administrator)
    url = reverse("admin:channels_app_mailbox_change", args=[mailbox.pk])

    kept = client.post(url, form_data(mailbox, username="waste-team"))
    mailbox.refresh_from_db()
    assert (kept.status_code, mailbox.username, mailbox.password) == (302, "waste-team", PASSWORD)

    replaced = client.post(url, form_data(mailbox, password="newydd-2026"))
    mailbox.refresh_from_db()
    assert (replaced.status_code, mailbox.password) == (302, "newydd-2026")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_encrypts_stored_passwords_and_back(service):
    migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO channels_app_mailbox (created_at, modified_at, service_id, address,"
                " host, port, use_ssl, username, password, folder, is_active) VALUES (now(),"
                " now(), %s, 'waste@example.gov.wales', 'imap.example.gov.wales', 993, true,"
                " 'waste', %s, 'INBOX', true), (now(), now(), %s, 'push@example.gov.wales', '',"
                " 993, true, '', '', 'INBOX', true)",
                [service.pk, PASSWORD, service.pk],
            )
        migrate(AFTER)
        imap, push = Mailbox.objects.order_by("-address")
        assert (PASSWORD not in stored(imap), imap.password) == (True, PASSWORD)
        assert (stored(push), push.password) == ("", "")

        migrate(BEFORE)
        assert (stored(imap), stored(push)) == (PASSWORD, "")
    finally:
        migrate(None)
