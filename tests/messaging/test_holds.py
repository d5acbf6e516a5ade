"""Messages held for review after a restore from backup: the restore's statement holds every
message still owed and nothing else; nothing sends a held message; staff release it to be sent
or cancel it, in the admin."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import translation

from messaging.delivery import messages_claim, messages_deliver_owed, messages_owed
from messaging.holds import HOLD_OWED_SQL, messages_cancel, messages_release
from messaging.models import DeliveryState, OutboundMessage
from tests.messaging.conftest import emailed_cases

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
LATER = RECEIVED + timedelta(days=1)
CHANGELIST = "admin:messaging_outboundmessage_changelist"


def owed_messages(service, count: int) -> list[OutboundMessage]:
    cases = emailed_cases(service, count, received_at=RECEIVED)
    return [OutboundMessage.objects.get(case=case) for case in cases]


def hold_owed() -> None:
    with connection.cursor() as cursor:
        cursor.execute(HOLD_OWED_SQL)


def states(messages: list[OutboundMessage]) -> list[str]:
    return [OutboundMessage.objects.get(pk=m.pk).state for m in messages]


def test_the_restore_holds_what_was_owed_and_nothing_else(service):
    queued, sending, sent, failed = owed_messages(service, 4)
    OutboundMessage.objects.filter(pk=sending.pk).update(
        state=DeliveryState.SENDING,
        claimed_at=RECEIVED,
        claim_token="dead",
        handed_over_at=RECEIVED,
    )
    OutboundMessage.objects.filter(pk=sent.pk).update(state=DeliveryState.SENT, sent_at=RECEIVED)
    OutboundMessage.objects.filter(pk=failed.pk).update(state=DeliveryState.FAILED)

    hold_owed()

    assert states([queued, sending, sent, failed]) == ["held", "held", "sent", "failed"]
    was_sending = OutboundMessage.objects.get(pk=sending.pk)
    # Its worker is gone; that it was handed over stays known, so a release shows a repeat.
    assert (was_sending.claimed_at, was_sending.claim_token) == (None, "")
    assert was_sending.handed_over_at == RECEIVED


def test_nothing_sends_a_held_message(service):
    messages = owed_messages(service, 2)
    hold_owed()

    assert messages_owed(now=LATER) == []
    assert messages_claim([m.pk for m in messages], now=LATER, extra=10) == []
    assert messages_deliver_owed(now=LATER) == 0
    assert states(messages) == ["held", "held"]
    assert mail.outbox == []


def test_a_released_message_is_sent_and_a_cancelled_one_never(service):
    released, cancelled, still_queued = owed_messages(service, 3)
    OutboundMessage.objects.filter(pk__in=[released.pk, cancelled.pk]).update(
        state=DeliveryState.HELD
    )

    assert messages_release(message_ids=[released.pk, still_queued.pk], now=LATER) == 1
    assert messages_cancel(message_ids=[cancelled.pk, still_queued.pk]) == 1
    assert states([released, cancelled, still_queued]) == ["queued", "cancelled", "queued"]
    assert OutboundMessage.objects.get(pk=released.pk).next_attempt_at == LATER

    assert messages_deliver_owed(now=LATER + timedelta(days=1)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [released.recipient, still_queued.recipient]
    assert states([released, cancelled]) == ["sent", "cancelled"]
    # A cancelled message is not held any more: it cannot be released after all.
    assert messages_release(message_ids=[cancelled.pk], now=LATER) == 0


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_staff_release_held_messages_in_the_admin(admin_client, service):
    held, queued = owed_messages(service, 2)
    OutboundMessage.objects.filter(pk=held.pk).update(state=DeliveryState.HELD)

    listed = admin_client.get(reverse(CHANGELIST), {"state__exact": "held"})
    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "release_held", "_selected_action": [held.pk, queued.pk]},
        follow=True,
    )

    assert [m.pk for m in listed.context["cl"].result_list] == [held.pk]
    assert "Held for review" in listed.content.decode()
    assert [str(m) for m in response.context["messages"]] == [
        "1 held message released for sending.",
        "1 message was not held for review and was left as it was.",
    ]
    assert states([held, queued]) == ["queued", "queued"]


def test_staff_cancel_held_messages_in_the_admin_in_welsh(admin_client, service):
    first, second = owed_messages(service, 2)
    OutboundMessage.objects.filter(pk__in=[first.pk, second.pk]).update(state=DeliveryState.HELD)

    with translation.override("cy"):
        response = admin_client.post(
            f"/cy{reverse(CHANGELIST)[3:]}",
            {"action": "cancel_held", "_selected_action": [first.pk, second.pk]},
            follow=True,
        )

    assert [str(m) for m in response.context["messages"]] == [
        "Canslwyd 2 neges a ddaliwyd; ni fyddant yn cael eu hanfon.",
    ]
    assert states([first, second]) == ["cancelled", "cancelled"]


def test_staff_who_may_only_view_messages_cannot_release_them(client, advisor, service):
    (held,) = owed_messages(service, 1)
    OutboundMessage.objects.filter(pk=held.pk).update(state=DeliveryState.HELD)
    advisor.is_staff = True
    advisor.save(update_fields=["is_staff"])
    advisor.user_permissions.add(Permission.objects.get(codename="view_outboundmessage"))
    client.force_login(advisor)

    listed = client.get(reverse(CHANGELIST))
    client.post(reverse(CHANGELIST), {"action": "release_held", "_selected_action": [held.pk]})

    assert listed.status_code == 200
    assert 'value="release_held"' not in listed.content.decode()
    assert states([held]) == ["held"]
