"""The data migration into the one outbox (messaging.0004) on a populated database: every
member's message and staff alert is moved, what was sent stays sent with its time, what was
owed is owed (and then delivered), what was given up stays failed, and the customers' outbox
is left as it was."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from accounts.models import Role
from messaging.delivery import messages_deliver_owed
from messaging.models import OutboundMessage
from tests.factories import UserFactory, make_case
from tests.migrating import migrate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [
    ("messaging", "0003_one_outbox_for_every_person"),
    ("councillors", "0003_member_methods_as_the_outbox"),
    ("contacts", "0008_message_sent_again_event"),
]
T = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


@pytest.mark.long
def test_member_messages_and_sla_alerts_move_into_the_one_outbox(service, team, advisor):
    case = make_case(service=service, received_at=T - timedelta(days=1), team=team, owner=advisor)
    milestone = case.milestones.get(kind="acknowledge")
    councillor = UserFactory(role=Role.COUNCILLOR, team=None, preferred_language="cy")
    no_email = UserFactory(role=Role.ADVISOR, team=team, email="")
    customers = set(OutboundMessage.objects.values_list("key", "state"))

    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    MemberMessage = old.get_model("councillors", "MemberMessage")
    SlaAlert = old.get_model("contacts", "SlaAlert")
    member = {
        "recipient_id": councillor.pk,
        "method": "email",
        "language": "cy",
        "address": "cllr@example.gov.wales",
        "subject": "Diweddariad",
        "body": "Mae ar y gweill.\n",
        "case_id": case.pk,
        "next_attempt_at": T,
        "created_at": T,
    }
    MemberMessage.objects.create(key="enquiry-update:1:user:9", state="sent", sent_at=T, **member)
    MemberMessage.objects.create(key="enquiry-update:2:user:9", state="queued", **member)
    MemberMessage.objects.create(
        key="enquiry-update:3:user:9", state="sending", claimed_at=T, attempts=1, **member
    )
    alert = {"milestone_id": milestone.pk, "revision": 0, "created_at": T}
    SlaAlert.objects.create(
        transition="due_soon", recipient_id=advisor.pk, sent_at=T, attempts=1, **alert
    )
    SlaAlert.objects.create(
        transition="breached", recipient_id=advisor.pk, claimed_at=T, attempts=1, **alert
    )
    SlaAlert.objects.create(
        transition="breached", recipient_id=team.manager_id, attempts=8, **alert
    )
    SlaAlert.objects.create(transition="breached", recipient_id=no_email.pk, **alert)

    migrate()

    moved = {
        message.key: message
        for message in OutboundMessage.objects.exclude(recipient_kind="customer")
    }
    assert {key: (m.recipient_kind, m.state, m.sent_at) for key, m in moved.items()} == {
        "enquiry-update:1:user:9": ("member", "sent", T),
        "enquiry-update:2:user:9": ("member", "queued", None),
        "enquiry-update:3:user:9": ("member", "sending", None),
        f"sla-alert:{milestone.pk}:0:due_soon:user:{advisor.pk}": ("staff", "sent", T),
        f"sla-alert:{milestone.pk}:0:breached:user:{advisor.pk}": ("staff", "queued", None),
        f"sla-alert:{milestone.pk}:0:breached:user:{team.manager_id}": ("staff", "failed", None),
        f"sla-alert:{milestone.pk}:0:breached:user:{no_email.pk}": ("staff", "failed", None),
    }
    member_message = moved["enquiry-update:2:user:9"]
    assert (
        member_message.person_id,
        member_message.case_id,
        member_message.purpose,
        member_message.recipient,
        member_message.subject,
    ) == (councillor.pk, case.pk, "member_notice", "cllr@example.gov.wales", "Diweddariad")
    # A worker held it when the old sender stopped: it may have gone, and a resend says so.
    assert moved["enquiry-update:3:user:9"].handed_over_at == T
    assert (
        set(OutboundMessage.objects.filter(recipient_kind="customer").values_list("key", "state"))
        == customers
    )

    # What was owed goes with the next round of delivery, through the one loop.
    mail.outbox.clear()
    assert messages_deliver_owed() >= 3
    told = Counter(message.to[0] for message in mail.outbox)
    assert told["cllr@example.gov.wales"] == 2  # the one owed, and the one a dead worker held
    assert told[advisor.email] == 1  # the alert owed; the one sent before is not sent again
    alert_sent = OutboundMessage.objects.get(
        key=f"sla-alert:{milestone.pk}:0:breached:user:{advisor.pk}"
    )
    assert alert_sent.state == "sent" and case.reference in alert_sent.subject
