"""The outbox's indexes serve their readers and no more: each index is one more write for every
message, the sweep's alerts included, so an index only some messages need covers only those."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Customer
from messaging.delivery import messages_deliver
from messaging.flood import AUTOMATIC_PURPOSES, AUTOMATIC_WINDOW, automatic_messages
from messaging.models import OutboundMessage
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def _index(name: str):
    return next(index for index in OutboundMessage._meta.indexes if index.name == name)


def test_the_per_address_index_covers_exactly_the_automatic_replies():
    condition = _index("message_recipient_time").condition
    assert condition is not None
    (lookup, purposes) = condition.children[0]
    assert lookup == "purpose__in"
    assert sorted(purposes) == sorted(str(purpose) for purpose in AUTOMATIC_PURPOSES)


def test_the_per_address_count_reads_the_partial_index():
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    recent = automatic_messages({"sian@example.com"}, since=now - AUTOMATIC_WINDOW, until=now)
    sql, params = recent.values_list("pk", "recipient", "created_at").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "message_recipient_time" in plan


def _acknowledgements(service, count: int, offset: int) -> list[int]:
    for n in range(offset, offset + count):
        customer = Customer.objects.create(name=f"C{n}", email=f"c{n}@example.com")
        make_case(service=service, customer=customer, received_at=datetime(2026, 3, 2, tzinfo=UTC))
    return list(
        OutboundMessage.objects.filter(state="queued").order_by("pk").values_list("pk", flat=True)
    )


def test_each_more_message_in_a_batch_costs_one_statement(service):
    """Marking a message sent and the next one handed over is one statement: a batch's round
    trips grow by one a message, not two (ADR 0016)."""
    queries = []
    for count, offset in ((4, 0), (9, 100)):
        ids = _acknowledgements(service, count, offset)
        with CaptureQueriesContext(connection) as captured:
            assert len(messages_deliver(message_ids=ids[:1], extra=count - 1)) == count
        queries.append(len(captured))
    assert queries[1] - queries[0] == 9 - 4
