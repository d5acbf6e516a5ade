"""The SLA sweep moves milestones to due soon and breached, once per change of state, and
owes one e-mail per transition to the case owner and the team's manager (the alerts
themselves: tests/messaging/test_sla_alerts.py)."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from accounts.models import Role
from contacts.models import CaseEvent, Milestone
from contacts.sla import sla_sweep
from messaging.models import OutboundMessage, Purpose
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
    alerts = OutboundMessage.objects.filter(purpose=Purpose.SLA_ALERT)
    assert alerts.count() == 80  # owner and manager for each of the 40
    assert {states(case)["acknowledge"] for case in cases} == {"breached"}
