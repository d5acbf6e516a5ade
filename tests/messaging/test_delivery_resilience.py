"""Nothing lost, nothing sent twice: a worker killed in the middle of a delivery, and a broker
that lost its queue (a Redis restart without persistence), with real processes throughout."""

import asyncio
import signal
import threading

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import timezone

from contacts.models import Customer
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


def test_a_worker_killed_mid_delivery_loses_nothing_and_sends_once(slow_smtp, tmp_path, service):
    inbox, port = slow_smtp
    settings.CYSWLLT = {**settings.CYSWLLT, "MESSAGE_CLAIM_SECONDS": int(CLAIM_SECONDS)}
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
