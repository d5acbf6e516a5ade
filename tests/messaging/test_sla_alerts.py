"""Deadline alerts to staff go through the one outbox: owed by the SLA sweep (one statement),
rendered by the worker in each recipient's language, sent once, retried like every message."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from contacts.services import milestone_extend
from contacts.sla import sla_sweep
from messaging.delivery import messages_deliver, messages_owed
from messaging.models import OutboundMessage, Purpose
from messaging.staff import sla_alert_parse
from tests.factories import make_case

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # Monday; ack due Tue 10:00, respond 16 Mar
ACK_DUE_SOON = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
ACK_DUE = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def alerts():
    return OutboundMessage.objects.filter(purpose=Purpose.SLA_ALERT)


def alerts_send(*, now: datetime) -> int:
    """Deliver the alerts owed at ``now`` as beat's workers would; how many went."""
    ids = set(alerts().values_list("pk", flat=True))
    owed = [pk for pk in messages_owed(now=now) if pk in ids]
    return len(messages_deliver(message_ids=owed, now=now)) if owed else 0


def transition_of(message: OutboundMessage) -> str:
    return sla_alert_parse(message.key)[1]


@pytest.mark.django_db
class TestAlerts:
    def test_owner_and_manager_are_each_owed_one_alert_per_transition(self, service, team, advisor):
        case = make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)

        sla_sweep(now=ACK_DUE_SOON)
        sla_sweep(now=ACK_DUE)
        sla_sweep(now=ACK_DUE + timedelta(minutes=5))

        owed = alerts().filter(case=case)
        assert sorted((transition_of(m), m.person.username) for m in owed) == [
            ("breached", "advisor"),
            ("breached", "manager"),
            ("due_soon", "advisor"),
            ("due_soon", "manager"),
        ]

    def test_a_manager_who_owns_the_case_gets_one_alert_not_two(self, service, team):
        case = make_case(service=service, received_at=RECEIVED, team=team, owner=team.manager)

        sla_sweep(now=ACK_DUE)

        assert list(alerts().filter(case=case).values_list("person__username", flat=True)) == [
            "manager"
        ]

    def test_an_unowned_case_without_a_team_alerts_nobody(self, service):
        make_case(service=service, received_at=RECEIVED)
        sla_sweep(now=ACK_DUE)
        assert not alerts().exists()

    def test_alerts_are_sent_in_each_recipients_language_and_only_once(
        self, service, team, advisor
    ):
        make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)
        sla_sweep(now=ACK_DUE)

        sent = alerts_send(now=ACK_DUE + timedelta(minutes=1))
        sent_again = alerts_send(now=ACK_DUE + timedelta(minutes=30))

        assert (sent, sent_again) == (2, 0)
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert set(by_recipient) == {"advisor@example.gov.wales", "manager@example.gov.wales"}
        english = by_recipient["advisor@example.gov.wales"]
        welsh = by_recipient["manager@example.gov.wales"]
        assert english.subject == "CYS-2026-000001: deadline missed"
        assert "Tuesday 3 March 2026, 10:00" in english.body
        assert welsh.subject == "CYS-2026-000001: terfyn amser wedi'i fethu"
        assert "Dydd Mawrth 3 Mawrth 2026, 10:00" in welsh.body
        assert alerts().filter(sent_at__isnull=True).count() == 0

    def test_an_alert_says_how_late_in_working_days_as_the_pages_do(self, service, team, advisor):
        """Sent on Thursday about an acknowledgement due on Tuesday at 10:00: two working days
        late (Wednesday and Thursday), not 50 hours."""
        make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)
        sla_sweep(now=ACK_DUE)

        alerts_send(now=datetime(2026, 3, 5, 12, 0, tzinfo=UTC))

        by_recipient = {message.to[0]: message.body for message in mail.outbox}
        assert "Time left: Overdue by 2 working days" in by_recipient["advisor@example.gov.wales"]
        assert "Amser ar ôl: 2 ddiwrnod gwaith yn hwyr" in by_recipient["manager@example.gov.wales"]

    def test_an_alert_left_claimed_by_a_dead_worker_is_sent_after_the_claim_expires(
        self, service, team, advisor
    ):
        make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)
        sla_sweep(now=ACK_DUE)
        alerts().update(state="sending", claimed_at=ACK_DUE, attempts=1)

        assert alerts_send(now=ACK_DUE + timedelta(seconds=29)) == 0
        assert alerts_send(now=ACK_DUE + timedelta(seconds=31)) == 2

    def test_an_extension_owes_alerts_about_the_new_deadline(self, service, team, advisor):
        case = make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)
        sla_sweep(now=ACK_DUE)
        milestone_extend(
            case=case,
            kind="acknowledge",
            reason="Awaiting the contractor",
            new_due_at=datetime(2026, 3, 5, 17, 0, tzinfo=UTC),
            actor=advisor,
            now=ACK_DUE + timedelta(hours=1),
        )

        sla_sweep(now=datetime(2026, 3, 5, 17, 0, tzinfo=UTC))

        assert alerts().filter(key__contains=":breached:", person=advisor).count() == 2
