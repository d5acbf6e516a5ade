"""The outbox: an acknowledgement is owed in the transaction that stores the case, delivered
once, retried with backoff when delivery fails, and meets the acknowledgement milestone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts.models import Case, CaseEvent, Customer, Milestone
from messaging.delivery import message_deliver, messages_deliver_owed, messages_owed
from messaging.models import OutboundMessage
from standards.models import Standard
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # acknowledge by Tue 3 March 10:00


def welsh_customer() -> Customer:
    return Customer.objects.create(
        name="Siân Jones", email="sian@example.com", preferred_language="cy"
    )


def test_an_emailed_contact_owes_one_acknowledgement(service):
    case = make_case(service=service, customer=welsh_customer(), received_at=RECEIVED)

    (message,) = OutboundMessage.objects.all()
    assert (
        message.key,
        message.case_id,
        message.method,
        message.language,
        message.recipient,
        message.state,
    ) == (
        f"case:{case.reference}:acknowledgement",
        case.pk,
        "email",
        "cy",
        "sian@example.com",
        "queued",
    )


def test_a_case_that_fails_to_store_owes_nothing(service):
    with pytest.raises(ValidationError):
        make_case(
            service=service,
            channel="phone",
            received_at=RECEIVED,
            details={
                "contact_type": "callback",
                "caller_number": "07700 900123",
                "callback_at": "2026-03-02T09:00:00Z",
            },
        )
    assert not OutboundMessage.objects.exists()
    assert not Case.objects.exists()


def test_delivery_sends_the_welsh_acknowledgement_and_meets_the_milestone(service, team):
    case = make_case(service=service, customer=welsh_customer(), team=team, received_at=RECEIVED)
    message = OutboundMessage.objects.get()

    delivered = message_deliver(message_id=message.pk, now=RECEIVED + timedelta(minutes=1))

    (sent,) = mail.outbox
    assert delivered is True
    assert sent.to == ["sian@example.com"]
    assert case.reference in sent.subject
    assert "Dydd Llun 16 Mawrth 2026" in sent.body
    assert sent.extra_headers["Auto-Submitted"] == "auto-replied"
    message.refresh_from_db()
    assert message.state == "sent"
    ack = Milestone.objects.get(case=case, kind="acknowledge")
    assert (ack.state, ack.met_at) == ("met", RECEIVED + timedelta(minutes=1))
    assert CaseEvent.objects.filter(case=case, kind="reply_sent").count() == 1
    case.refresh_from_db()
    assert case.status == "acknowledged"


def test_a_message_is_delivered_once_however_often_it_is_asked_for(service):
    make_case(service=service, customer=welsh_customer(), received_at=RECEIVED)
    message = OutboundMessage.objects.get()

    results = [
        message_deliver(message_id=message.pk, now=RECEIVED + timedelta(minutes=m))
        for m in (1, 2, 30)
    ]

    assert results == [True, False, False]
    assert len(mail.outbox) == 1


def test_a_failed_delivery_is_retried_with_backoff(service, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    make_case(service=service, customer=welsh_customer(), received_at=RECEIVED)
    message = OutboundMessage.objects.get()
    first = RECEIVED + timedelta(minutes=1)

    assert message_deliver(message_id=message.pk, now=first) is False

    message.refresh_from_db()
    assert (message.state, message.attempts, message.next_attempt_at) == (
        "queued",
        1,
        first + timedelta(seconds=30),
    )
    assert message.last_error
    assert message.body  # rendered once, kept for the retry
    assert messages_owed(now=first + timedelta(seconds=29)) == []
    assert messages_owed(now=first + timedelta(seconds=30)) == [message.pk]


def test_a_message_left_sending_by_a_dead_worker_is_owed_again_after_the_timeout(service):
    make_case(service=service, customer=welsh_customer(), received_at=RECEIVED)
    message = OutboundMessage.objects.get()
    OutboundMessage.objects.update(state="sending", claimed_at=RECEIVED, attempts=1)

    # A live worker renews its claim every 10 s: one not renewed for 30 s was left by the dead.
    assert messages_owed(now=RECEIVED + timedelta(seconds=29)) == []
    assert messages_owed(now=RECEIVED + timedelta(seconds=31)) == [message.pk]
    assert message_deliver(message_id=message.pk, now=RECEIVED + timedelta(seconds=31)) is True


def test_no_message_when_no_method_reaches_the_customer(service):
    make_case(
        service=service,
        channel="visit",
        details={"contact_type": "reception"},
        received_at=RECEIVED,
    )
    assert not OutboundMessage.objects.exists()


def test_an_automatic_email_is_recorded_but_not_acknowledged(service):
    case = make_case(
        service=service,
        received_at=RECEIVED,
        details={
            "contact_type": "department",
            "from_address": "noreply@example.com",
            "to_address": "waste@example.gov.wales",
            "automatic": True,
        },
    )

    assert Case.objects.filter(pk=case.pk).exists()
    assert not OutboundMessage.objects.exists()


def test_one_address_is_acknowledged_at_most_five_times_an_hour(service):
    """Every case owes its acknowledgement; delivery holds back those over the limit (counted
    where they are sent, not where they are owed: docs/adr/0037)."""
    for minute in range(7):  # a case owes its message when it is made (factories.make_case)
        make_case(service=service, received_at=RECEIVED + timedelta(minutes=minute))
    later_at = RECEIVED + timedelta(minutes=61)
    later = make_case(service=service, received_at=later_at)
    owed = OutboundMessage.objects.filter(recipient="ann@example.com")
    assert owed.count() == 8

    assert messages_deliver_owed(now=later_at) == 6
    states = dict(owed.values_list("case__received_at", "state"))
    assert [states[RECEIVED + timedelta(minutes=m)] for m in range(7)] == ["sent"] * 5 + [
        "limited"
    ] * 2
    assert states[later.received_at] == "sent"
    assert len(mail.outbox) == 6


@pytest.mark.parametrize(
    ("kind", "details"),
    [
        ("compliment", None),
        (
            "enquiry",
            {
                "contact_type": "officer",
                "from_address": "ann@example.com",
                "to_address": "dafydd.hughes@example.gov.wales",
            },
        ),
    ],
    ids=["compliment", "email-to-an-officer"],
)
def test_standards_that_promise_no_acknowledgement_owe_none(service, kind, details):
    make_case(service=service, kind=kind, details=details, received_at=RECEIVED)
    assert not OutboundMessage.objects.exists()


def test_a_template_an_administrator_adds_is_used_for_the_next_case_at_once(
    service, client, administrator, django_capture_on_commit_callbacks
):
    """Case creation keeps the set of templates per process; the admin renews it."""
    make_case(service=service, kind="compliment", received_at=RECEIVED)
    assert not OutboundMessage.objects.exists()
    compliment = Standard.objects.get(code="COMPLIMENT")
    client.force_login(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("admin:messaging_messagetemplate_add"),
            {
                "standard": compliment.pk,
                "purpose": "acknowledgement",
                "method": "email",
                "subject_cy": "Diolch – {{ reference }}",
                "subject_en": "Thank you – {{ reference }}",
                # Every acknowledgement links to the privacy notice (issue 17).
                "body_cy": "Diolch am eich canmoliaeth. Preifatrwydd: {{ privacy_url }}",
                "body_en": "Thank you for your compliment. Privacy: {{ privacy_url }}",
                "next_steps_cy": "",
                "next_steps_en": "",
            },
        )
    assert answer.status_code == 302

    case = make_case(service=service, kind="compliment", received_at=RECEIVED)
    assert OutboundMessage.objects.filter(case=case, purpose="acknowledgement").exists()
