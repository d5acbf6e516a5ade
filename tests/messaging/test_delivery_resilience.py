"""Nothing lost, nothing sent twice: a worker killed in the middle of a delivery or of a batch, a
live worker slower than the claim timeout, and a broker that lost its queue (a Redis restart
without persistence), with real processes throughout."""

import asyncio
import signal
import threading
import time
from collections import Counter
from contextlib import contextmanager

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import timezone

from contacts.models import CaseEvent, Customer
from messaging.models import OutboundMessage
from messaging.tasks import messages_redispatch
from tests.factories import make_case
from tests.messaging.conftest import Inbox, free_port
from tests.worker_process import running_worker, wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL for a real broker"),
]

CLAIM_SECONDS = "2"


@pytest.fixture
def short_claims(request):
    """Claims go stale after two seconds, here and in the workers (restored afterwards)."""
    test_settings = request.getfixturevalue("settings")
    test_settings.CYSWLLT = {**test_settings.CYSWLLT, "MESSAGE_CLAIM_SECONDS": int(CLAIM_SECONDS)}


class SlowFirstInbox(Inbox):
    """Holds the first delivery at RCPT, before any message is accepted, until released."""

    def __init__(self) -> None:
        super().__init__()
        self.first_arrived = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.calls += 1
        if self.calls == 1:
            self.first_arrived.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def slow_smtp():
    inbox = SlowFirstInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        inbox.release.set()
        controller.stop()


def welsh_case(service):
    now = timezone.now()
    customer = Customer.objects.create(
        name="Siân Jones", email="sian@example.com", preferred_language="cy"
    )
    return make_case(service=service, customer=customer, received_at=now, now=now)


def test_a_worker_killed_mid_delivery_loses_nothing_and_sends_once(
    slow_smtp, tmp_path, service, short_claims
):
    inbox, port = slow_smtp
    env = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "CYSWLLT_MESSAGE_CLAIM_SECONDS": CLAIM_SECONDS,
    }

    with running_worker(tmp_path, name="first", **env) as first:
        case = welsh_case(service)
        assert inbox.first_arrived.wait(30), first.output()
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=10)
    inbox.release.set()
    message = OutboundMessage.objects.get(case=case)
    assert (message.state, len(inbox.messages)) == ("sending", 0)

    with running_worker(tmp_path, name="second", purge=False, **env) as second:
        # Beat's job, run once the dead worker's claim has expired.
        assert wait_for(lambda: _redispatch_once_claim_expired(message)), second.output()
        assert wait_for(
            lambda: OutboundMessage.objects.get(pk=message.pk).state == "sent", timeout=30
        ), second.output()

    assert len(inbox.messages) == 1
    assert OutboundMessage.objects.get(pk=message.pk).attempts == 2


def _redispatch_once_claim_expired(message) -> bool:
    return messages_redispatch() >= 1


def test_a_broker_that_lost_its_queue_loses_no_message(smtp_inbox, tmp_path, service):
    inbox, port = smtp_inbox
    # The case is stored and its delivery queued while no worker runs; then the broker loses
    # everything it held, as a Redis restart without persistence does.
    case = welsh_case(service)
    redis.Redis.from_url(settings.REDIS_URL).flushdb()

    with running_worker(
        tmp_path, purge=False, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port)
    ) as worker:
        assert OutboundMessage.objects.get(case=case).state == "queued"
        assert messages_redispatch() == 1  # beat's job finds what the broker forgot
        assert wait_for(lambda: len(inbox.messages) == 1), worker.output()
        assert wait_for(lambda: OutboundMessage.objects.get(case=case).state == "sent"), (
            worker.output()
        )

    messages_redispatch()
    assert len(inbox.messages) == 1


class HoldsTheThird(Inbox):
    """A relay that stores every message, and holds its answer to the third (stored, not yet
    acknowledged to the worker) until released: the moment a worker dies after its provider
    accepted a message and before it could record that."""

    def __init__(self) -> None:
        super().__init__()
        self.third_stored = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        await super().handle_DATA(server, session, envelope)
        if len(self.messages) == 3:
            self.third_stored.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


class HoldsTheFirst(Inbox):
    """A slow relay: the first message takes ``seconds`` to be accepted."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.first_arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if not self.first_arrived.is_set():
            self.first_arrived.set()
            await asyncio.sleep(self.seconds)
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def relay(inbox: Inbox):
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        release = getattr(inbox, "release", None)
        if release is not None:
            release.set()
        controller.stop()


def customer_case(service, address: str):
    now = timezone.now()
    customer = Customer.objects.create(name="Siân Jones", email=address, preferred_language="cy")
    return make_case(service=service, customer=customer, received_at=now, now=now)


def timeline(case) -> list[str]:
    return list(
        CaseEvent.objects.filter(case=case, kind__in=["reply_sent", "message_sent_again"])
        .order_by("id")
        .values_list("kind", flat=True)
    )


def test_a_worker_killed_mid_batch_repeats_one_message_shown_as_sent_again(
    tmp_path, service, short_claims
):
    """Five acknowledgements owed before a worker starts: it claims them as one batch, and is
    SIGKILLed once the relay has stored the third. The first two are already recorded as sent;
    another worker sends the third again (the one repeat, shown on its timeline as sent again)
    and the last two once, as soon as the dead worker's claims go stale."""
    from config.celery import app

    inbox = HoldsTheThird()
    with relay(inbox) as port:
        env = {
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "CYSWLLT_MESSAGE_CLAIM_SECONDS": CLAIM_SECONDS,
        }
        app.control.purge()
        cases = [customer_case(service, f"c{n}@example.com") for n in range(5)]
        with running_worker(tmp_path, name="first", purge=False, **env) as first:
            assert inbox.third_stored.wait(60), first.output()
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(timeout=10)
        inbox.release.set()
        states = sorted(OutboundMessage.objects.values_list("state", flat=True))
        assert states == ["sending", "sending", "sending", "sent", "sent"]
        handed_over = OutboundMessage.objects.filter(handed_over_at__isnull=False, state="sending")
        assert handed_over.count() == 1  # only the message in flight may have gone

        with running_worker(tmp_path, name="second", purge=False, **env) as second:
            assert wait_for(
                lambda: messages_redispatch() == 0 and all_sent(), timeout=60, interval=1
            ), second.output()

    copies = Counter(address for message in inbox.messages for address in message["To"].split())
    assert sorted(copies.values()) == [1, 1, 1, 1, 2]
    (repeated,) = [address for address, count in copies.items() if count == 2]
    for case in cases:
        told = timeline(case)
        if case.customer.email == repeated:
            assert told == ["message_sent_again"]
        else:
            assert told == ["reply_sent"]


def all_sent() -> bool:
    return not OutboundMessage.objects.exclude(state="sent").exists()


def test_a_live_worker_keeps_its_claim_while_a_slow_relay_takes_its_time(
    tmp_path, service, short_claims
):
    """The relay takes three claim timeouts to accept a message; beat's job runs meanwhile and a
    second worker is idle. The first worker's heartbeat keeps its claim, so nothing is sent
    twice."""
    from config.celery import app

    inbox = HoldsTheFirst(seconds=3 * int(CLAIM_SECONDS))
    with relay(inbox) as port:
        env = {
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "CYSWLLT_MESSAGE_CLAIM_SECONDS": CLAIM_SECONDS,
        }
        app.control.purge()
        with (
            running_worker(tmp_path, name="slow", purge=False, **env) as slow,
            running_worker(tmp_path, name="idle", purge=False, **env) as idle,
        ):
            case = customer_case(service, "sian@example.com")
            assert inbox.first_arrived.wait(30), slow.output() + idle.output()
            deadline = time.monotonic() + 3 * int(CLAIM_SECONDS)
            while time.monotonic() < deadline:
                messages_redispatch()
                time.sleep(0.5)
            assert wait_for(all_sent, timeout=30), slow.output() + idle.output()
            messages_redispatch()
            time.sleep(2)

    assert len(inbox.messages) == 1
    assert timeline(case) == ["reply_sent"]
    assert OutboundMessage.objects.get(case=case).attempts == 1
