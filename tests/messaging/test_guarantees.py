"""Never twice, never lost — for every kind of message to a person, through the one loop:
a task delivered twice sends once, a lost task is re-dispatched by beat's job, a failure is
retried with the same backoff, and a worker that died after handing a message over repeats that
one message only, which the case timeline shows as sent again."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import cast

import pytest
from django.core import mail

from accounts.models import Role, User
from complaints.services import compliment_record
from contacts.models import CaseEvent, Customer
from contacts.services import case_transfer
from contacts.sla import sla_sweep
from messaging import backends
from messaging.backends.email import message_id
from messaging.confirmations import case_confirm
from messaging.delivery import (
    claim_timeout,
    heartbeat_interval,
    message_deliver,
    messages_deliver,
    messages_deliver_owed,
    messages_owed,
    messages_record_left,
)
from messaging.models import OutboundMessage, Purpose, RecipientKind
from messaging.owing import PersonMessage, messages_owe
from messaging.replies import case_reply
from tests.factories import TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # Monday; acknowledge by Tue 10:00
ACK_DUE = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def user(**fields: object) -> User:
    return cast(User, UserFactory(**fields))


def _customer_case(service, team, advisor):
    customer = Customer.objects.create(
        name="Siân Jones", email="sian@example.com", preferred_language="cy"
    )
    return make_case(
        service=service, customer=customer, received_at=RECEIVED, team=team, owner=advisor
    )


def acknowledgement(service, team, advisor) -> tuple[OutboundMessage, datetime]:
    _customer_case(service, team, advisor)
    return OutboundMessage.objects.get(purpose=Purpose.ACKNOWLEDGEMENT), RECEIVED


def reply(service, team, advisor) -> tuple[OutboundMessage, datetime]:
    case = _customer_case(service, team, advisor)
    at = RECEIVED + timedelta(hours=1)
    case_reply(case=case, actor=advisor, text="Byddwn yn casglu'r bin ddydd Iau.", now=at)
    return OutboundMessage.objects.get(purpose=Purpose.REPLY), at


def member_message(service, team, advisor) -> tuple[OutboundMessage, datetime]:
    councillor = user(role=Role.COUNCILLOR, team=None, email="cllr@example.gov.wales")
    messages_owe(
        [
            PersonMessage(
                key=f"enquiry-update:1:user:{councillor.pk}",
                person=councillor,
                kind=RecipientKind.MEMBER,
                purpose=Purpose.MEMBER_NOTICE,
                method="email",
                address=councillor.email,
                language="en",
                subject="Your enquiry",
                body="It is in hand.\n",
            )
        ],
        now=RECEIVED,
    )
    return OutboundMessage.objects.get(purpose=Purpose.MEMBER_NOTICE), RECEIVED


def sla_alert(service, team, advisor) -> tuple[OutboundMessage, datetime]:
    make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)
    sla_sweep(now=ACK_DUE)
    return OutboundMessage.objects.get(purpose=Purpose.SLA_ALERT, person=advisor), ACK_DUE


def transfer_notice(service, team, advisor) -> tuple[OutboundMessage, datetime]:
    case = make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)
    colleague = user(role=Role.ADVISOR, team=team, email="bethan@example.gov.wales")
    at = RECEIVED + timedelta(hours=2)
    case_transfer(case=case, actor=advisor, note="Over to you", to_user=colleague, now=at)
    return OutboundMessage.objects.get(purpose=Purpose.TRANSFER_NOTICE), at


def compliment_passed_on(service, team, advisor) -> tuple[OutboundMessage, datetime]:
    praised = user(team=TeamFactory(service=service, manager=None), email="rhys@x.cymru")
    compliment_record(
        service=service,
        channel="phone",
        received_at=RECEIVED,
        text="Rhys sorted it in one call",
        officer=praised,
        actor=advisor,
        now=RECEIVED,
    )
    return OutboundMessage.objects.get(purpose=Purpose.COMPLIMENT), RECEIVED


def fax_reply(service, team, advisor) -> tuple[OutboundMessage, datetime]:
    """A reply to a fax, faxed back through the e-mail-to-fax gateway."""
    case = make_case(
        service=service,
        channel="fax",
        details={"fax_number": "01824 706000"},
        received_at=RECEIVED,
        team=team,
        owner=advisor,
    )
    at = RECEIVED + timedelta(hours=1)
    case_reply(case=case, actor=advisor, text="We will collect the bin on Thursday.", now=at)
    return OutboundMessage.objects.get(purpose=Purpose.REPLY, method="fax"), at


def confirmation(service, team, advisor) -> tuple[OutboundMessage, datetime]:
    """A text's confirmation of who and when, to a customer who prefers e-mail."""
    customer = Customer.objects.create(
        name="Siân Jones", email="sian@example.com", preferred_contact_method="email"
    )
    case = make_case(
        service=service,
        channel="text",
        details={"from_number": "07700 900123", "message_id": "SM-g"},
        customer=customer,
        received_at=RECEIVED,
        team=team,
        owner=advisor,
    )
    at = RECEIVED + timedelta(hours=1)
    case_confirm(case=case, actor=advisor, full_response_on=date(2026, 3, 16), now=at)
    return OutboundMessage.objects.get(purpose=Purpose.CONFIRMATION), at


@pytest.fixture(autouse=True)
def fax_gateway(settings):
    settings.CYSWLLT = {**settings.CYSWLLT, "FAX_GATEWAY": "{number}@fax.example.gov.wales"}


KINDS: list[Callable[..., tuple[OutboundMessage, datetime]]] = [
    acknowledgement,
    reply,
    fax_reply,
    confirmation,
    member_message,
    sla_alert,
    transfer_notice,
    compliment_passed_on,
]


def copies_sent(message: OutboundMessage) -> int:
    """How many copies of ``message`` left (its Message-ID is stable across attempts)."""
    return sum(
        1 for sent in mail.outbox if sent.extra_headers["Message-ID"] == message_id(message.key)
    )


def sent_to(address: str) -> int:
    return sum(1 for message in mail.outbox if address in message.to)


@pytest.mark.parametrize("owe", KINDS, ids=lambda owe: owe.__name__)
def test_a_task_delivered_twice_sends_once(owe, service, team, advisor):
    message, at = owe(service, team, advisor)

    assert message_deliver(message_id=message.pk, now=at) is True
    assert message_deliver(message_id=message.pk, now=at) is False
    assert message.pk not in messages_owed(now=at + timedelta(days=1))

    message.refresh_from_db()
    assert (message.state, message.sent_at, message.attempts) == ("sent", at, 1)
    assert copies_sent(message) == 1


@pytest.mark.parametrize("owe", KINDS, ids=lambda owe: owe.__name__)
def test_a_lost_task_is_redispatched_by_beat(owe, service, team, advisor):
    """No task ever reaches a worker (the broker lost it): beat's job finds the row."""
    message, at = owe(service, team, advisor)

    assert message.pk in messages_owed(now=at)
    messages_deliver_owed(now=at)
    assert copies_sent(message) == 1
    assert messages_owed(now=at + timedelta(hours=1)) == []


@pytest.mark.parametrize("owe", KINDS, ids=lambda owe: owe.__name__)
def test_a_failure_is_retried_with_backoff(owe, service, team, advisor, monkeypatch):
    message, at = owe(service, team, advisor)
    original = backends.Session.deliver

    def outage(self, message):
        raise ConnectionRefusedError("the relay is down")

    monkeypatch.setattr(backends.Session, "deliver", outage)
    assert message_deliver(message_id=message.pk, now=at) is False
    message.refresh_from_db()
    assert (message.state, message.attempts, message.next_attempt_at) == (
        "queued",
        1,
        at + timedelta(seconds=30),
    )
    assert message.handed_over_at is None  # refused: it did not reach anyone
    assert message.pk not in messages_owed(now=at + timedelta(seconds=29))

    monkeypatch.setattr(backends.Session, "deliver", original)
    assert message.pk in messages_owed(now=at + timedelta(seconds=30))
    assert message_deliver(message_id=message.pk, now=at + timedelta(seconds=30)) is True
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 2)
    assert copies_sent(message) == 1


def test_a_crash_mid_batch_repeats_only_the_message_in_flight(service, team, advisor, monkeypatch):
    """Three acknowledgements claimed in one batch; the worker dies while the provider takes
    the second. The first is already recorded as sent; after the claim goes stale, the second
    goes again, shown as sent again, and the third goes once."""
    cases = [
        make_case(
            service=service,
            customer=Customer.objects.create(name=f"C{n}", email=f"c{n}@example.com"),
            received_at=RECEIVED,
        )
        for n in range(3)
    ]
    original = backends.Session.deliver
    calls = []

    class WorkerKilled(BaseException):
        """Stands for SIGKILL: nothing after it runs, no handler sees it."""

    def dies_on_the_second(self, message):
        calls.append(message.case_id)
        if len(calls) == 2:
            original(self, message)  # the provider accepted it...
            raise WorkerKilled  # ...and the worker died before recording it
        return original(self, message)

    monkeypatch.setattr(backends.Session, "deliver", dies_on_the_second)
    first = OutboundMessage.objects.get(case=cases[0])
    with pytest.raises(WorkerKilled):
        messages_deliver(message_ids=[first.pk], extra=5, now=RECEIVED)

    states = dict(OutboundMessage.objects.values_list("case_id", "state"))
    assert states == {cases[0].pk: "sent", cases[1].pk: "sending", cases[2].pk: "sending"}
    assert OutboundMessage.objects.get(case=cases[1]).handed_over_at == RECEIVED
    assert OutboundMessage.objects.get(case=cases[2]).handed_over_at is None

    monkeypatch.setattr(backends.Session, "deliver", original)
    assert messages_deliver_owed(now=RECEIVED + timedelta(seconds=20)) == 0  # claim still live
    assert messages_deliver_owed(now=RECEIVED + timedelta(seconds=31)) == 2

    assert [sent_to(f"c{n}@example.com") for n in range(3)] == [1, 2, 1]
    kinds = {
        case.pk: list(
            CaseEvent.objects.filter(case=case)
            .exclude(kind__in=["created", "status_changed", "milestone_met"])
            .values_list("kind", flat=True)
        )
        for case in cases
    }
    assert kinds == {
        cases[0].pk: ["reply_sent"],
        cases[1].pk: ["message_sent_again"],
        cases[2].pk: ["reply_sent"],
    }


def test_a_dead_workers_claims_are_retaken_within_a_minute(settings):
    """A claim goes stale after 30 s without the heartbeat (renewed every 10 s while the worker
    lives), and beat's re-dispatch runs every 15 s: a dead worker's messages go again within
    45 s, where they waited five (customers) or ten (staff) minutes before."""
    redispatch = settings.CELERY_BEAT_SCHEDULE["messages-redispatch"]
    assert redispatch == {"task": "messaging.tasks.messages_redispatch", "schedule": 15.0}
    assert claim_timeout() == timedelta(seconds=30)
    assert heartbeat_interval() == 10
    assert claim_timeout() + timedelta(seconds=redispatch["schedule"]) < timedelta(minutes=1)
    assert "sla-alerts" not in settings.CELERY_BEAT_SCHEDULE  # one beat job for every message
    assert "member-messages" not in settings.CELERY_BEAT_SCHEDULE


def test_a_message_sent_but_never_recorded_is_recorded_by_beat_once(
    service, team, advisor, monkeypatch
):
    """A worker that dies after its provider accepted a message, before the batch's record was
    written, leaves the message sent (never sent again) but its timeline entry and the
    acknowledgement it gave owed: beat writes them once the claim's lifetime has passed, once."""
    message, _at = acknowledgement(service, team, advisor)
    monkeypatch.setattr("messaging.delivery.messages_record", lambda said, *, now: None)
    assert message_deliver(message_id=message.pk, now=RECEIVED)
    monkeypatch.undo()

    message.refresh_from_db()
    assert (message.state, message.recorded_at) == ("sent", None)
    case = message.case
    assert case is not None
    case.refresh_from_db()
    assert case.status == "new"
    assert not CaseEvent.objects.filter(case=case, kind="reply_sent").exists()

    # A live worker's batch is left to it for a claim's lifetime.
    assert messages_record_left(now=RECEIVED + claim_timeout() / 2) == 0
    assert messages_record_left(now=RECEIVED + claim_timeout() * 2) == 1
    assert messages_record_left(now=RECEIVED + claim_timeout() * 3) == 0

    case.refresh_from_db()
    assert case.status == "acknowledged"
    assert CaseEvent.objects.filter(case=case, kind="reply_sent").count() == 1
    assert sent_to("sian@example.com") == 1
    message.refresh_from_db()
    assert message.recorded_at == RECEIVED + claim_timeout() * 2
