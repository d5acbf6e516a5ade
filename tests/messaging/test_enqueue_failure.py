"""The broker down (Redis stopped) while a request writes a message: the request still
succeeds, the failure is logged without personal data, and beat delivers the message later,
because the row, not the broker, is the queue."""

import logging

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError
from rest_framework.test import APIClient

from contacts.models import Case
from messaging.delivery import messages_deliver_owed
from messaging.models import OutboundMessage
from messaging.tasks import message_deliver, messages_drain, messages_redispatch
from tests.factories import token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(message_deliver, "apply_async", refused)
    monkeypatch.setattr(messages_drain, "apply_async", refused)
    monkeypatch.setattr(messages_redispatch, "apply_async", refused)


def test_a_case_is_created_and_acknowledged_later_when_the_broker_is_down(
    advisor, broker_down, django_capture_on_commit_callbacks, caplog
):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(advisor)}")
    now = timezone.now()
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        answer = api.post(
            "/api/v1/cases/",
            {
                "channel": "email",
                "received_at": now.isoformat(),
                "summary": "Missed bin",
                "channel_details": {
                    "contact_type": "department",
                    "from_address": "ann@example.com",
                    "to_address": "waste@example.gov.wales",
                },
            },
            format="json",
        )

    assert answer.status_code == 201, answer.content
    case = Case.objects.get()
    message = OutboundMessage.objects.get(case=case)
    assert message.state == "queued" and not mail.outbox
    logged = [r.getMessage() for r in caplog.records if r.name == "common.jobs"]
    assert logged == [
        "Could not queue messaging.tasks.messages_drain (OperationalError); beat will pick "
        "up the work it stands for."
    ]
    assert "ann@example.com" not in caplog.text

    # Beat's next round, the broker back.
    assert messages_deliver_owed() == 1
    assert mail.outbox[0].to == ["ann@example.com"]
    message.refresh_from_db()
    assert message.state == "sent"
