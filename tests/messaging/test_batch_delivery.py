"""Under load a delivery task drains the queue in batches: one claim, one SMTP connection, one
recording transaction — and still each message at most once, each acknowledgement met or met
late by its own sending time."""

from datetime import UTC, datetime, timedelta

import pytest

from contacts.models import Case, CaseEvent, Milestone
from contacts.services import case_resolve, cases_acknowledge
from messaging.delivery import messages_claim, messages_deliver
from messaging.models import OutboundMessage
from tests.messaging import conftest

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # acknowledge by Tue 3 March 10:00


class CountingInbox:
    """An SMTP server handler that counts the connections (EHLOs) and the messages."""

    def __init__(self) -> None:
        self.greetings = 0
        self.recipients: list[str] = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.greetings += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    from tests.messaging.conftest import free_port

    inbox = CountingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    try:
        yield inbox
    finally:
        controller.stop()


def emailed_cases(service, count: int) -> list[Case]:
    return conftest.emailed_cases(service, count, received_at=RECEIVED)


def test_one_task_delivers_its_message_and_the_others_due_over_one_connection(service, smtp):
    cases = emailed_cases(service, 5)
    first = OutboundMessage.objects.get(case=cases[0])
    sent_at = RECEIVED + timedelta(minutes=1)

    delivered = messages_deliver(message_ids=[first.pk], extra=20, now=sent_at)

    assert delivered == set(OutboundMessage.objects.values_list("pk", flat=True))
    assert smtp.greetings == 1
    assert sorted(smtp.recipients) == [f"resident{n}@example.com" for n in range(5)]
    assert set(OutboundMessage.objects.values_list("state", "sent_at")) == {("sent", sent_at)}
    assert CaseEvent.objects.filter(kind="reply_sent").count() == 5
    assert set(Milestone.objects.filter(kind="acknowledge").values_list("state", "met_at")) == {
        ("met", sent_at)
    }
    assert set(Case.objects.values_list("status", flat=True)) == {"acknowledged"}


def test_a_batch_never_takes_more_than_asked(service, smtp):
    cases = emailed_cases(service, 4)
    first = OutboundMessage.objects.get(case=cases[2])

    delivered = messages_deliver(message_ids=[first.pk], extra=1, now=RECEIVED)

    assert len(delivered) == 2
    assert first.pk in delivered  # the message the task was queued for comes first
    assert OutboundMessage.objects.filter(state="queued").count() == 2


def test_a_message_another_worker_holds_is_not_taken(service):
    cases = emailed_cases(service, 2)
    held = OutboundMessage.objects.get(case=cases[0])
    OutboundMessage.objects.filter(pk=held.pk).update(state="sending", claimed_at=RECEIVED)

    claimed = messages_claim([held.pk], now=RECEIVED + timedelta(seconds=20), extra=5)

    assert claimed == [OutboundMessage.objects.get(case=cases[1]).pk]


def test_a_retry_that_is_not_yet_due_is_not_taken_by_a_batch(service):
    cases = emailed_cases(service, 2)
    later = OutboundMessage.objects.get(case=cases[1])
    OutboundMessage.objects.filter(pk=later.pk).update(
        next_attempt_at=RECEIVED + timedelta(minutes=5)
    )
    first = OutboundMessage.objects.get(case=cases[0])

    assert messages_claim([first.pk], now=RECEIVED, extra=5) == [first.pk]


def test_one_failure_in_a_batch_leaves_the_others_sent(service, smtp, monkeypatch):
    cases = emailed_cases(service, 3)
    from messaging.backends import email

    original = email.deliver

    def refuse_the_second(message, *, connection=None):
        if message.case_id == cases[1].pk:
            raise ConnectionResetError("lost the server")
        return original(message, connection=connection)

    monkeypatch.setattr(email, "deliver", refuse_the_second)
    first = OutboundMessage.objects.get(case=cases[0])

    delivered = messages_deliver(message_ids=[first.pk], extra=5, now=RECEIVED)

    assert len(delivered) == 2
    failed = OutboundMessage.objects.get(case=cases[1])
    assert (failed.state, failed.attempts, failed.last_error) == ("queued", 1, "lost the server")
    assert failed.body  # rendered and kept for the retry
    # The connection was dropped after the failure and a new one opened for the third message.
    assert smtp.greetings == 2


def test_acknowledgements_are_met_or_met_late_by_each_cases_own_time(service):
    on_time, late, resolved = emailed_cases(service, 3)
    case_resolve(case=resolved, actor=None, at=RECEIVED, now=RECEIVED)
    due = Milestone.objects.get(case=on_time, kind="acknowledge").due_at  # Tue 3 March 10:00

    cases_acknowledge(
        acknowledged_at={
            on_time.pk: due,
            late.pk: due + timedelta(seconds=1),
            resolved.pk: due,
        }
    )

    states = dict(Milestone.objects.filter(kind="acknowledge").values_list("case_id", "state"))
    assert states == {on_time.pk: "met", late.pk: "met_late", resolved.pk: "met"}
    assert dict(Case.objects.values_list("pk", "status")) == {
        on_time.pk: "acknowledged",
        late.pk: "acknowledged",
        resolved.pk: "resolved",  # a resolved case is left as it was
    }
    changes = CaseEvent.objects.filter(kind="status_changed", payload__to="acknowledged")
    assert sorted(changes.values_list("case_id", "payload__from", "created_at")) == sorted(
        [(on_time.pk, "new", due), (late.pk, "new", due + timedelta(seconds=1))]
    )


def test_acknowledging_twice_records_once(service):
    (case,) = emailed_cases(service, 1)

    for _ in range(2):
        cases_acknowledge(acknowledged_at={case.pk: RECEIVED + timedelta(hours=1)})

    assert CaseEvent.objects.filter(case=case, kind="milestone_met").count() == 1
    assert CaseEvent.objects.filter(case=case, kind="status_changed").count() == 1
