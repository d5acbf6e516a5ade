"""A mail server pushes raw e-mail to the API: only a service integration may, and every
answer says what became of the message."""

import pytest
from rest_framework.test import APIClient

from channels_app.models import QuarantinedMessage
from contacts.models import Case
from tests.factories import token_for

from .dovecot import message

pytestmark = pytest.mark.django_db

URL = "/api/v1/inbound/email/"
MIME = "message/rfc822"


def test_a_pushed_email_makes_a_case_once(mail_api, mailbox):
    raw = message(message_id="<push@example.com>")

    first = mail_api.post(URL, raw, content_type=MIME)
    second = mail_api.post(URL, raw, content_type=MIME)

    case = Case.objects.get()
    assert (first.status_code, first.json()) == (
        201,
        {"result": "created", "reference": case.reference, "quarantine_id": None},
    )
    assert (second.status_code, second.json()["result"]) == (200, "duplicate")
    assert case.service == mailbox.service


def test_the_mailbox_can_be_named_when_the_recipients_do_not_say(mail_api, mailbox):
    response = mail_api.post(
        f"{URL}?mailbox=WASTE@example.gov.wales",
        message(to="bcc-only@example.org"),
        content_type=MIME,
    )

    assert response.status_code == 201
    assert Case.objects.get().channel_details["to_address"] == "waste@example.gov.wales"


def test_an_unknown_mailbox_is_refused_in_the_callers_language(integration, mailbox):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="cy")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(integration)}")

    response = client.post(f"{URL}?mailbox=nobody@example.org", message(), content_type=MIME)

    assert (response.status_code, response.json()) == (
        400,
        {"mailbox": ["Does dim blwch post adran gyda'r cyfeiriad hwn."]},
    )
    assert Case.objects.count() == 0


def test_unreadable_mail_is_quarantined_and_answered_202(mail_api, mailbox):
    response = mail_api.post(URL, b"Subject: who?\r\n\r\nbody", content_type=MIME)

    held = QuarantinedMessage.objects.get()
    assert (response.status_code, response.json()) == (
        202,
        {"result": "quarantined", "reference": None, "quarantine_id": held.pk},
    )
    assert held.reason == "malformed"


def test_an_empty_body_is_refused(mail_api, mailbox):
    response = mail_api.post(URL, b"", content_type=MIME)

    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Send the whole e-mail as the request body."]},
    )


def test_an_oversized_message_is_refused_with_413(mail_api, mailbox, settings):
    settings.CYSWLLT = {**settings.CYSWLLT, "INBOUND_EMAIL_MAX_BYTES": 50}

    response = mail_api.post(URL, message(), content_type=MIME)

    assert (response.status_code, response.json()) == (
        413,
        {"non_field_errors": ["The e-mail is too large to accept."]},
    )
    assert Case.objects.count() == QuarantinedMessage.objects.count() == 0


def test_another_content_type_is_refused_with_415(mail_api, mailbox):
    response = mail_api.post(URL, {"raw": "x"}, format="json")

    assert response.status_code == 415


def test_without_a_token_the_answer_is_401(mailbox):
    response = APIClient().post(URL, message(), content_type=MIME)

    assert response.status_code == 401
    assert Case.objects.count() == 0


def test_staff_without_the_integration_permission_get_403(client_for_advisor, mailbox):
    response = client_for_advisor.post(URL, message(), content_type=MIME)

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Only a service integration may deliver inbound messages."},
    )
    assert Case.objects.count() == 0


@pytest.fixture
def client_for_advisor(advisor) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(advisor)}")
    return client
