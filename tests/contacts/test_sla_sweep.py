"""The SLA sweep moves milestones to due soon and breached, once per change of state, and
owes one e-mail per transition to the case owner and the team's manager."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection

from accounts.models import Role
from contacts.alerts import sla_alerts_send
from contacts.models import CaseEvent, Milestone, SlaAlert
from contacts.services import milestone_extend
from contacts.sla import sla_sweep
from tests.factories import UserFactory, make_case

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # Monday; ack due Tue 10:00, respond 16 Mar
ACK_DUE_SOON = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
ACK_DUE = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def states(case) -> dict[str, str]:
    return dict(Milestone.objects.filter(case=case).values_list("kind", "state"))


def events(case) -> list[tuple[str, str]]:
    return list(
        CaseEvent.objects.filter(case=case)
        .exclude(kind="created")
        .values_list("kind", "milestone__kind")
    )


@pytest.mark.django_db
class TestTransitions:
    def test_nothing_moves_before_the_due_soon_time(self, service):
        case = make_case(service=service, received_at=RECEIVED)

        result = sla_sweep(now=ACK_DUE_SOON - timedelta(seconds=1))

        assert (result.due_soon, result.breached) == (0, 0)
        assert states(case) == {"acknowledge": "pending", "respond": "pending"}

    def test_a_milestone_becomes_due_soon_at_its_due_soon_time(self, service):
        case = make_case(service=service, received_at=RECEIVED)

        result = sla_sweep(now=ACK_DUE_SOON)

        assert (result.due_soon, result.breached) == (1, 0)
        assert states(case) == {"acknowledge": "due_soon", "respond": "pending"}
        assert events(case) == [("milestone_due_soon", "acknowledge")]

    def test_a_milestone_is_breached_at_its_due_time(self, service):
        case = make_case(service=service, received_at=RECEIVED)
        sla_sweep(now=ACK_DUE_SOON)

        result = sla_sweep(now=ACK_DUE)

        assert (result.due_soon, result.breached) == (0, 1)
        assert states(case) == {"acknowledge": "breached", "respond": "pending"}
        assert events(case) == [
            ("milestone_due_soon", "acknowledge"),
            ("milestone_breached", "acknowledge"),
        ]

    def test_a_sweep_that_missed_the_due_soon_window_goes_straight_to_breached(self, service):
        case = make_case(service=service, received_at=RECEIVED)

        sla_sweep(now=ACK_DUE + timedelta(hours=1))

        assert states(case)["acknowledge"] == "breached"
        assert events(case) == [("milestone_breached", "acknowledge")]

    def test_a_second_sweep_changes_nothing(self, service):
        case = make_case(service=service, received_at=RECEIVED)
        sla_sweep(now=ACK_DUE)

        result = sla_sweep(now=ACK_DUE + timedelta(minutes=1))

        assert (result.due_soon, result.breached) == (0, 0)
        assert len(events(case)) == 1

    def test_met_and_measured_milestones_are_never_flagged(self, service):
        reception = make_case(
            service=service,
            channel="visit",
            received_at=RECEIVED,
            details={"contact_type": "reception"},
        )
        answered = make_case(service=service, received_at=RECEIVED)
        Milestone.objects.filter(case=answered).update(state="met", met_at=RECEIVED)

        sla_sweep(now=datetime(2026, 6, 1, tzinfo=UTC))

        assert states(reception) == {"seen": "pending"}
        assert states(answered) == {"acknowledge": "met", "respond": "met"}


@pytest.mark.django_db
class TestAlerts:
    def test_owner_and_manager_are_each_owed_one_alert_per_transition(self, service, team, advisor):
        case = make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)

        sla_sweep(now=ACK_DUE_SOON)
        sla_sweep(now=ACK_DUE)
        sla_sweep(now=ACK_DUE + timedelta(minutes=5))

        owed = SlaAlert.objects.filter(milestone__case=case)
        assert sorted(owed.values_list("transition", "recipient__username")) == [
            ("breached", "advisor"),
            ("breached", "manager"),
            ("due_soon", "advisor"),
            ("due_soon", "manager"),
        ]

    def test_a_manager_who_owns_the_case_gets_one_alert_not_two(self, service, team):
        case = make_case(service=service, received_at=RECEIVED, team=team, owner=team.manager)

        sla_sweep(now=ACK_DUE)

        assert list(
            SlaAlert.objects.filter(milestone__case=case).values_list(
                "recipient__username", flat=True
            )
        ) == ["manager"]

    def test_an_unowned_case_without_a_team_alerts_nobody(self, service):
        make_case(service=service, received_at=RECEIVED)
        sla_sweep(now=ACK_DUE)
        assert not SlaAlert.objects.exists()

    def test_alerts_are_sent_in_each_recipients_language_and_only_once(
        self, service, team, advisor
    ):
        make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)
        sla_sweep(now=ACK_DUE)

        sent = sla_alerts_send(now=ACK_DUE + timedelta(minutes=1))
        sent_again = sla_alerts_send(now=ACK_DUE + timedelta(minutes=30))

        assert (sent, sent_again) == (2, 0)
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert set(by_recipient) == {"advisor@example.gov.wales", "manager@example.gov.wales"}
        english = by_recipient["advisor@example.gov.wales"]
        welsh = by_recipient["manager@example.gov.wales"]
        assert english.subject == "CYS-2026-000001: deadline missed"
        assert "Tuesday 3 March 2026, 10:00" in english.body
        assert welsh.subject == "CYS-2026-000001: terfyn amser wedi'i fethu"
        assert "Dydd Mawrth 3 Mawrth 2026, 10:00" in welsh.body
        assert SlaAlert.objects.filter(sent_at__isnull=True).count() == 0

    def test_an_alert_left_claimed_by_a_dead_worker_is_sent_after_the_claim_expires(
        self, service, team, advisor
    ):
        make_case(service=service, received_at=RECEIVED, team=team, owner=advisor)
        sla_sweep(now=ACK_DUE)
        SlaAlert.objects.update(claimed_at=ACK_DUE, attempts=1)

        assert sla_alerts_send(now=ACK_DUE + timedelta(minutes=5)) == 0
        assert sla_alerts_send(now=ACK_DUE + timedelta(minutes=11)) == 2

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

        assert SlaAlert.objects.filter(transition="breached", recipient=advisor).count() == 2


# serialized_rollback restores the catalogue the data migration loaded, which the flush after
# a transactional test removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_overlapping_sweeps_flag_each_milestone_once(service, team):
    """Two sweeps at the same moment on separate connections: every transition, its timeline
    event and its alerts happen exactly once."""
    owner = UserFactory(role=Role.ADVISOR, team=team)
    cases = [
        make_case(service=service, received_at=RECEIVED, team=team, owner=owner) for _ in range(40)
    ]
    barrier = threading.Barrier(2)
    results = []

    def sweep() -> None:
        barrier.wait()
        try:
            results.append(sla_sweep(now=ACK_DUE))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(result.breached for result in results) == [0, 40]
    assert CaseEvent.objects.filter(kind="milestone_breached").count() == 40
    assert SlaAlert.objects.count() == 80  # owner and manager for each of the 40
    assert {states(case)["acknowledge"] for case in cases} == {"breached"}
