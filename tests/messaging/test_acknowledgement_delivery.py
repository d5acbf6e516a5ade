"""End to end: a contact stored through the case service is acknowledged by a real Celery
worker, over the real Redis broker, through a real SMTP server, in the customer's language."""

import pytest
from django.conf import settings
from django.utils import timezone

from contacts.models import Customer, Milestone
from messaging.messages import format_date
from messaging.models import OutboundMessage
from tests.factories import make_case
from tests.worker_process import running_worker, wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL for a real broker"),
]


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_welsh_email_contact_gets_a_welsh_acknowledgement_by_smtp(
    smtp_inbox, tmp_path, service, team
):
    inbox, port = smtp_inbox
    now = timezone.now()
    customer = Customer.objects.create(
        name="Siân Jones", email="sian@example.com", preferred_language="cy"
    )

    with running_worker(tmp_path, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port)) as worker:
        case = make_case(service=service, customer=customer, team=team, received_at=now, now=now)
        assert wait_for(lambda: len(inbox.messages) == 1), worker.output()
        assert wait_for(lambda: OutboundMessage.objects.get(case=case).state == "sent"), (
            worker.output()
        )

    (received,) = inbox.messages
    text = body_of(received)
    assert received["To"] == "sian@example.com"
    assert case.reference in received["Subject"]
    assert received["Auto-Submitted"] == "auto-replied"
    assert "Siân Jones" in text
    assert "Rydym yn croesawu gohebiaeth yn Gymraeg" in text
    respond_due = Milestone.objects.get(case=case, kind="respond").due_at
    assert format_date(respond_due, "cy") in text
    ack = Milestone.objects.get(case=case, kind="acknowledge")
    assert ack.state == "met"


def test_an_unknown_language_gets_a_welsh_first_bilingual_acknowledgement(
    smtp_inbox, tmp_path, service
):
    inbox, port = smtp_inbox
    now = timezone.now()

    with running_worker(tmp_path, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port)) as worker:
        case = make_case(service=service, received_at=now, now=now)
        assert wait_for(lambda: len(inbox.messages) == 1), worker.output()

    text = body_of(inbox.messages[0])
    assert 0 <= text.index("Annwyl gwsmer") < text.index("Dear customer")
    assert case.reference in inbox.messages[0]["Subject"]
