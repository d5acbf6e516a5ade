"""The outbox is the queue (docs/adr/0037): a transaction that owes messages asks for a drain
once it commits, unless one is queued or running; a drain delivers until a look comes back
short, clears its flag and looks once more, and shares a full batch with another worker."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction

from messaging import delivery
from messaging.handoff import DRAIN_FLAG, outbox_drain
from messaging.models import OutboundMessage
from messaging.tasks import messages_drain
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def drains_asked(monkeypatch) -> list[tuple]:
    asked: list[tuple] = []
    monkeypatch.setattr(messages_drain, "apply_async", lambda *a, **k: asked.append((a, k)))
    return asked


def cases(service, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        make_case(service=service, received_at=RECEIVED, summary=f"Case {n}")


def test_one_drain_is_asked_for_while_one_is_queued(
    service, drains_asked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        cases(service, 3)
    assert len(drains_asked) == 1
    assert cache.get(DRAIN_FLAG) is not None

    with django_capture_on_commit_callbacks(execute=True):
        cases(service, 1, start=3)
    assert len(drains_asked) == 1  # the drain queued will find it

    cache.delete(DRAIN_FLAG)  # what the drain does when the outbox looks empty
    with django_capture_on_commit_callbacks(execute=True):
        cases(service, 1, start=4)
    assert len(drains_asked) == 2


def test_a_rolled_back_transaction_asks_for_nothing(
    service, drains_asked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                cases(service, 1)
                raise RuntimeError("the caller failed")
        except RuntimeError:
            pass
    assert drains_asked == [] and cache.get(DRAIN_FLAG) is None


def test_a_drain_delivers_every_due_message_and_shares_a_full_batch(service):
    cases(service, 5)
    cache.set(DRAIN_FLAG, 1)
    shared: list[str] = []

    taken = outbox_drain(ask_another=lambda: shared.append("drain"), batch=2)

    assert taken == 5 and len(mail.outbox) == 5
    assert set(OutboundMessage.objects.values_list("state", flat=True)) == {"sent"}
    assert shared == ["drain"]  # once, at the first full batch
    assert cache.get(DRAIN_FLAG) is None


def test_a_message_owed_as_the_drain_clears_its_flag_is_found_by_the_last_look(
    service, monkeypatch, drains_asked, django_capture_on_commit_callbacks
):
    cases(service, 1)
    cache.set(DRAIN_FLAG, 1)
    looks: list[int] = []
    deliver_due = delivery.messages_deliver_due

    def look(*, limit: int) -> int:
        taken = deliver_due(limit=limit)
        looks.append(taken)
        if len(looks) == 1:
            # Committed after the first look, while the flag still stands: no drain asked.
            with django_capture_on_commit_callbacks(execute=True):
                cases(service, 1, start=1)
        return taken

    monkeypatch.setattr(delivery, "messages_deliver_due", look)

    assert outbox_drain(ask_another=lambda: None, batch=2) == 2

    assert looks == [1, 1, 0] and drains_asked == []
    assert len(mail.outbox) == 2


def test_a_drain_that_runs_out_of_time_hands_over_to_a_fresh_one(service):
    cases(service, 3)
    shared: list[str] = []

    taken = outbox_drain(ask_another=lambda: shared.append("drain"), batch=2, seconds=0)

    assert taken == 2 and shared == ["drain", "drain"]  # the full batch, then the hand-over
    assert OutboundMessage.objects.filter(state="queued").count() == 1


def test_the_drain_task_delivers_what_is_owed(service, drains_asked):
    cases(service, 2)
    assert messages_drain() == 2
    assert len(mail.outbox) == 2 and drains_asked == []
