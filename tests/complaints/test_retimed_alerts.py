"""A complaint's stage 1 milestone re-timed by its category owes the alerts about its new
deadline afresh (the re-timed-complaint alert bug)."""

from datetime import UTC, date, datetime, timedelta

from complaints.services import complaint_record
from contacts.models import CaseEvent
from contacts.sla import sla_sweep
from tests.factories import CustomerFactory, make_case
from tests.sla_alerts import milestone_alerts

from .conftest import RECEIVED


def _due_soon_alerts(milestone) -> list[tuple[int, str]]:
    return [
        (revision, username)
        for revision, _transition, username in milestone_alerts(milestone, "due_soon")
    ]


def test_a_complaint_retimed_after_its_due_soon_alert_is_owed_a_new_one(
    service, team, complaints_officer, waste_category
):
    customer = CustomerFactory(name="Ann Jones", email="ann@example.com")
    case = make_case(
        service=service,
        kind="complaint",
        customer=customer,
        received_at=RECEIVED,
        team=team,
        owner=complaints_officer,
    )
    contact = case.milestones.get(kind="contact")
    # Monday 2 March + 10 working days: Monday 16 March, 17:00 GMT.
    assert contact.due_at == datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
    sla_sweep(now=contact.due_soon_at)
    assert _due_soon_alerts(contact) == [(0, "complaints"), (0, "manager")]

    # Recorded the next morning under a category with 20 working days for stage 1: from
    # Monday 2 March, 3–6 March are days 1–4, 9–13 days 5–9, 16–20 days 10–14, 23–27 days
    # 15–19, and Monday 30 March day 20: 17:00 BST (British Summer Time from 29 March).
    waste_category.stage1_days = 20
    waste_category.save()
    recorded_at = contact.due_soon_at + timedelta(hours=16)
    complaint_record(
        case=case,
        category=waste_category,
        events_on=date(2026, 2, 20),
        actor=complaints_officer,
        now=recorded_at,
    )
    contact.refresh_from_db()
    assert (contact.due_at, contact.state, contact.revision) == (
        datetime(2026, 3, 30, 16, 0, tzinfo=UTC),
        "pending",
        1,
    )

    sla_sweep(now=contact.due_soon_at)

    due_soon_events = CaseEvent.objects.filter(milestone=contact, kind="milestone_due_soon")
    assert due_soon_events.count() == 2
    assert _due_soon_alerts(contact) == [
        (0, "complaints"),
        (0, "manager"),
        (1, "complaints"),
        (1, "manager"),
    ]


def test_a_complaint_retimed_into_its_due_soon_window_is_announced_at_once(
    service, team, complaints_officer, waste_category
):
    """A 5-day category puts the stage 1 deadline on Monday 9 March, 17:00 GMT (3, 4, 5, 6
    and 9 March); recorded that morning, it is due soon straight away: the writer says so as
    the sweep would have, and owes the alerts."""
    case = make_case(
        service=service,
        kind="complaint",
        customer=CustomerFactory(name="Ann Jones", email="ann@example.com"),
        received_at=RECEIVED,
        team=team,
        owner=complaints_officer,
    )
    waste_category.stage1_days = 5
    waste_category.save()

    complaint_record(
        case=case,
        category=waste_category,
        events_on=date(2026, 2, 20),
        actor=complaints_officer,
        now=datetime(2026, 3, 9, 9, 0, tzinfo=UTC),
    )

    contact = case.milestones.get(kind="contact")
    assert (contact.due_at, contact.state, contact.revision) == (
        datetime(2026, 3, 9, 17, 0, tzinfo=UTC),
        "due_soon",
        1,
    )
    assert CaseEvent.objects.filter(milestone=contact, kind="milestone_due_soon").count() == 1
    assert _due_soon_alerts(contact) == [(1, "complaints"), (1, "manager")]
    # The next sweep has nothing more to say about it.
    sla_sweep(now=datetime(2026, 3, 9, 9, 1, tzinfo=UTC))
    assert CaseEvent.objects.filter(milestone=contact, kind="milestone_due_soon").count() == 1
