"""Fixtures of the inbound channel tests: a real IMAP server (Dovecot), a department mailbox
on it, a service integration with its token, and the webhooks' secrets."""

import shutil
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from accounts.models import Role
from channels_app.models import Mailbox
from tests.factories import UserFactory, token_for

from .dovecot import DOVECOT, Dovecot

SECRETS = {
    "notify_sms": "notify-inbound-token-1234567890",
    "sms": "sms-shared-secret-1234567890",
    "social": "social-shared-secret-1234567890",
    "phone": "phone-shared-secret-1234567890",
}


@pytest.fixture
def dovecot():
    if not Path(DOVECOT).exists():
        pytest.fail("Dovecot is not installed: apt-get install dovecot-imapd (scripts/test does)")
    # Not pytest's tmp_path: Dovecot's mail reader must pass through the folders above it.
    root = Path(tempfile.mkdtemp(prefix="cyswllt-dovecot-"))
    server = Dovecot(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mailbox(service, team) -> Mailbox:
    """The waste service's mailbox, pushed to the API only (no IMAP server)."""
    return Mailbox.objects.create(service=service, address="waste@example.gov.wales")


@pytest.fixture
def imap_mailbox(mailbox, dovecot) -> Mailbox:
    mailbox.host = "127.0.0.1"
    mailbox.port = dovecot.port
    mailbox.use_ssl = False
    mailbox.username = dovecot.user
    mailbox.password = dovecot.password
    mailbox.save()
    return mailbox


@pytest.fixture
def integration(db):
    """A service integration: a user with the permission to deliver inbound messages."""
    user = UserFactory(role=Role.ADMINISTRATOR, team=None, username="mail-server")
    user.user_permissions.add(Permission.objects.get(codename="deliver_inbound"))
    return user


@pytest.fixture
def mail_api(integration) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(integration)}")
    return client


@pytest.fixture
def webhook_secrets(settings, service):
    """Every webhook configured, texts and posts going to the waste service."""
    settings.CYSWLLT = {
        **settings.CYSWLLT,
        "WEBHOOK_SECRETS": dict(SECRETS),
        "INBOUND_SERVICE": service.code,
    }
    return SECRETS


def webhook_client(name: str | None, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if name:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {SECRETS[name]}")
    return client
