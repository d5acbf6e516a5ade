"""An office closure day added (or removed) moves the open working-day deadlines that count
across it; nothing else moves."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from contacts.models import CaseEvent, Milestone
from contacts.services import milestone_extend
from contacts.services.closures import closure_day_add, closure_day_remove
from standards.models import ClosureDay
from tests.factories import make_case
from tests.sla_alerts import milestone_alerts

pytestmark = pytest.mark.django_db

LETTER = {"postal_address": "1 Stryd y Castell, Dinbych"}
# Received Monday 14 December 2026: the 10 working days skip Christmas Day (Fri 25) and the
# Boxing Day substitute (Mon 28), so the reply is due Wednesday 30 December, 17:00 GMT.
RECEIVED = datetime(2026, 12, 14, 10, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 15, 9, 0, tzinfo=UTC)


def respond(case) -> Milestone:
    return Milestone.objects.get(case=case, kind="respond")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_reply_is_due_on_the_tenth_working_day_across_christmas(service):
    case = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)
    assert (respond(case).due_at, respond(case).due_soon_at) == (
        utc(2026, 12, 30, 17),
        utc(2026, 12, 29, 17),
    )


def test_a_closure_inside_the_window_moves_the_deadline_one_working_day_on(service):
    case = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)

    _, moved = closure_day_add(
        day=date(2026, 12, 24),
        reason_cy="Cau dros y Nadolig",
        reason_en="Christmas closure",
        now=NOW,
    )

    milestone = respond(case)
    assert moved == 1
    assert (milestone.due_at, milestone.due_soon_at) == (
        utc(2026, 12, 31, 17),
        utc(2026, 12, 30, 17),
    )
    assert milestone.revision == 1
    assert list(
        CaseEvent.objects.filter(case=case, kind="deadline_moved").values_list(
            "milestone__kind", flat=True
        )
    ) == ["respond"]


def test_removing_the_closure_moves_the_deadline_back(service):
    case = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)
    closure, _ = closure_day_add(
        day=date(2026, 12, 24), reason_cy="Cau", reason_en="Closed", now=NOW
    )

    moved = closure_day_remove(closure=closure, now=NOW)

    assert moved == 1
    assert respond(case).due_at == utc(2026, 12, 30, 17)
    assert not ClosureDay.objects.exists()


@pytest.mark.parametrize(
    "closure",
    [date(2026, 12, 26), date(2027, 1, 4), date(2026, 12, 14)],
    ids=["a Saturday", "after the due date", "the day of receipt"],
)
def test_closures_outside_the_window_or_on_non_working_days_move_nothing(service, closure):
    case = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)

    _, moved = closure_day_add(day=closure, reason_cy="Cau", reason_en="Closed", now=NOW)

    assert moved == 0
    assert respond(case).due_at == utc(2026, 12, 30, 17)
    assert not CaseEvent.objects.filter(kind="deadline_moved").exists()


def test_hour_rules_and_extended_or_met_milestones_do_not_move(service, advisor):
    email = make_case(service=service, received_at=RECEIVED)  # ack in 24 h, respond 10 wd
    extended = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)
    milestone_extend(
        case=extended,
        kind="respond",
        new_due_at=utc(2027, 1, 8, 17),
        reason="Waiting for a site visit",
        actor=advisor,
        now=NOW,
    )
    met = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)
    Milestone.objects.filter(case=met).update(state="met", met_at=NOW)

    _, moved = closure_day_add(day=date(2026, 12, 24), reason_cy="Cau", reason_en="Closed", now=NOW)

    assert moved == 1  # the e-mail's 10-working-day reply only
    assert Milestone.objects.get(case=email, kind="acknowledge").due_at == utc(2026, 12, 15, 10)
    assert respond(email).due_at == utc(2026, 12, 31, 17)
    assert respond(extended).due_at == utc(2027, 1, 8, 17)
    assert respond(met).due_at == utc(2026, 12, 30, 17)


def test_a_moved_milestone_that_was_due_soon_is_pending_again(service):
    case = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)
    Milestone.objects.filter(case=case).update(state="due_soon")

    closure_day_add(
        day=date(2026, 12, 24), reason_cy="Cau", reason_en="Closed", now=utc(2026, 12, 29, 18)
    )

    # New due-soon time is 30 December 17:00, still ahead of "now" (29 December 18:00).
    assert respond(case).state == "pending"


def test_a_second_closure_on_the_same_day_is_refused(service):
    closure_day_add(day=date(2026, 12, 24), reason_cy="Cau", reason_en="Closed", now=NOW)

    with pytest.raises(ValidationError) as caught:
        closure_day_add(day=date(2026, 12, 24), reason_cy="Cau", reason_en="Closed", now=NOW)

    assert caught.value.message_dict == {"date": ["The offices are already closed on that day."]}
    assert ClosureDay.objects.count() == 1


def test_deadlines_a_working_day_apart_each_move_once(service):
    """The case due Wednesday 30 December moves to Thursday 31, onto the other case's old due
    time; that one (received Tuesday 15: due Thursday 31) moves past New Year's Day, a bank
    holiday, to Monday 4 January. Neither moves twice."""
    first = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)
    second = make_case(
        service=service, channel="letter", details=LETTER, received_at=utc(2026, 12, 15, 10)
    )
    assert respond(second).due_at == utc(2026, 12, 31, 17)

    _, moved = closure_day_add(day=date(2026, 12, 24), reason_cy="Cau", reason_en="Closed", now=NOW)

    assert moved == 2
    assert (respond(first).due_at, respond(first).revision) == (utc(2026, 12, 31, 17), 1)
    assert (respond(second).due_at, respond(second).revision) == (utc(2027, 1, 4, 17), 1)


def test_a_closure_removed_that_brings_a_deadline_into_its_due_soon_window_announces_it(
    service, team, advisor
):
    """With 24 December closed the reply is due Thursday 31, due soon from Wednesday 30
    17:00. Reopening on the 24th at Tuesday 29 18:00 puts it back to Wednesday 30 17:00, due
    soon from Tuesday 29 17:00: due soon already, announced with its alerts. Closing the 23rd
    then moves it on to Thursday 31 (due soon from Wednesday 30 17:00): pending again, which
    is no news to announce."""
    case = make_case(
        service=service,
        channel="letter",
        details=LETTER,
        received_at=RECEIVED,
        team=team,
        owner=advisor,
    )
    closure, _ = closure_day_add(
        day=date(2026, 12, 24), reason_cy="Cau", reason_en="Closed", now=NOW
    )

    closure_day_remove(closure=closure, now=utc(2026, 12, 29, 18))

    milestone = respond(case)
    assert (milestone.due_at, milestone.state, milestone.revision) == (
        utc(2026, 12, 30, 17),
        "due_soon",
        2,
    )
    assert list(
        CaseEvent.objects.filter(milestone=milestone).order_by("id").values_list("kind", "payload")
    ) == [
        ("deadline_moved", {"state": "pending"}),
        ("deadline_moved", {"state": "due_soon"}),
        ("milestone_due_soon", {"state": "due_soon"}),
    ]
    assert milestone_alerts(milestone) == [(2, "due_soon", "advisor"), (2, "due_soon", "manager")]

    closure_day_add(
        day=date(2026, 12, 23), reason_cy="Cau", reason_en="Closed", now=utc(2026, 12, 29, 18)
    )

    assert (respond(case).state, respond(case).revision) == ("pending", 3)
    assert len(milestone_alerts(milestone)) == 2
    assert CaseEvent.objects.filter(milestone=milestone, kind="milestone_due_soon").count() == 1
