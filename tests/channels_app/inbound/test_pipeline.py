"""The one inbound pipeline, whatever the channel: seen before, routed, threaded, a new case,
or the quarantine with the rules' own reason."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from channels_app.inbound.pipeline import NormalisedMessage, ThreadHints, inbound_accept
from channels_app.models import InboundMessage, QuarantinedMessage
from contacts.models import Case

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def text(**changes) -> NormalisedMessage:
    message = NormalisedMessage(
        channel="text",
        source_key="text:m-1",
        sender="07700900444",
        body="Is the tip open on Sunday?",
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        raw=b'{"id": "m-1"}',
        details={"from_number": "07700900444", "message_id": "m-1"},
        summary="Is the tip open on Sunday?",
        thread=ThreadHints(sender_field="from_number", sender_forms=("07700900444",)),
    )
    return replace(message, **changes)


def test_a_new_message_opens_a_case_and_is_recorded(webhook_secrets, service):
    outcome = inbound_accept(text(), now=NOW)

    assert (outcome.result, outcome.case.service, outcome.case.source_key) == (
        "created",
        service,
        "text:m-1",
    )
    record = InboundMessage.objects.get()
    assert (record.case, record.opened_case, record.sender, record.body) == (
        outcome.case,
        True,
        "07700900444",
        "Is the tip open on Sunday?",
    )


def test_the_same_sender_threads_and_the_same_key_changes_nothing(webhook_secrets):
    first = inbound_accept(text(), now=NOW)

    reply = inbound_accept(text(source_key="text:m-2", body="And on Monday?"), now=NOW)
    again = inbound_accept(text(source_key="text:m-2", body="And on Monday?"), now=NOW)

    assert (reply.result, reply.case) == ("threaded", first.case)
    assert (again.result, again.case) == ("duplicate", first.case)
    assert Case.objects.count() == 1
    assert InboundMessage.objects.count() == 2


def test_what_the_rules_refuse_is_quarantined_with_their_reason(webhook_secrets):
    outcome = inbound_accept(text(details={"from_number": "call me"}), now=NOW)

    held = QuarantinedMessage.objects.get()
    assert (outcome.result, held.reason, held.detail, bytes(held.raw)) == (
        "quarantined",
        "refused",
        "from_number: Enter a telephone number using digits, spaces and an optional leading +.",
        b'{"id": "m-1"}',
    )
    assert Case.objects.count() == 0


def test_a_message_for_nowhere_is_quarantined_before_anything_else(webhook_secrets):
    outcome = inbound_accept(text(unrouted="No department mailbox among x@example.org."), now=NOW)

    assert (outcome.result, outcome.quarantined.reason, outcome.quarantined.detail) == (
        "quarantined",
        "no_service",
        "No department mailbox among x@example.org.",
    )


def test_without_a_receiving_service_a_new_message_waits_in_quarantine(settings):
    settings.CYSWLLT = {**settings.CYSWLLT, "INBOUND_SERVICE": ""}

    outcome = inbound_accept(text(), now=NOW)

    assert (outcome.result, outcome.quarantined.detail) == (
        "quarantined",
        "CYSWLLT_INBOUND_SERVICE names no service.",
    )
