"""A case's ``next_due_at`` is its earliest open deadline, kept by the database whichever way
the milestones change: made, met, extended, moved by a closure day, swept, removed."""

from datetime import UTC, date, datetime, timedelta

import pytest

from contacts.models import Case, Milestone, MilestoneState
from contacts.services import case_acknowledge, case_resolve, milestone_extend
from contacts.services.closures import closure_day_add
from contacts.sla import sla_sweep
from tests.factories import make_case

pytestmark = pytest.mark.django_db

# An e-mail to a department received Monday 2 March 2026, 10:00 GMT: acknowledged within 24
# hours (Tuesday 3 March, 10:00), answered within 10 working days (Monday 16 March, 17:00).
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
ACKNOWLEDGE_DUE = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
RESPOND_DUE = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)


def next_due(case: Case) -> datetime | None:
    return Case.objects.values_list("next_due_at", flat=True).get(pk=case.pk)


@pytest.fixture
def case(service, team):
    return make_case(service=service, received_at=RECEIVED)


def test_a_new_case_is_due_at_its_earliest_milestone(case):
    assert sorted(Milestone.objects.filter(case=case).values_list("due_at", flat=True)) == [
        ACKNOWLEDGE_DUE,
        RESPOND_DUE,
    ]
    assert next_due(case) == ACKNOWLEDGE_DUE


def test_a_new_case_is_written_once_with_its_next_deadline(service, team):
    """The case comes with the deadline the trigger would have set, so the trigger changes
    nothing: no second version of the row, and of every index entry (docs/adr/0037)."""
    from django.db import connection

    def case_rows_updated() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'contacts_case'"
            )
            return cursor.fetchone()[0]

    before = case_rows_updated()
    case = make_case(service=service, received_at=RECEIVED)

    assert case_rows_updated() == before
    assert next_due(case) == ACKNOWLEDGE_DUE


def test_meeting_a_milestone_moves_on_to_the_next_and_resolving_clears_it(case, advisor):
    case_acknowledge(case=case, actor=advisor, now=RECEIVED + timedelta(hours=1))
    after_acknowledging = next_due(case)
    case_resolve(case=case, actor=advisor, now=RECEIVED + timedelta(hours=2))

    assert after_acknowledging == RESPOND_DUE
    assert next_due(case) is None


def test_an_extension_moves_it(case, advisor):
    later = datetime(2026, 3, 6, 17, 0, tzinfo=UTC)

    milestone_extend(
        case=case,
        kind="acknowledge",
        new_due_at=later,
        reason="Waiting for the crew's report",
        actor=advisor,
        notify_customer=False,
        now=RECEIVED + timedelta(hours=1),
    )

    assert next_due(case) == later


def test_a_closure_day_moves_it_with_the_deadline(service, team):
    letter = make_case(
        service=service,
        channel="letter",
        details={"postal_address": "1 Stryd y Castell, Dinbych"},
        received_at=datetime(2026, 12, 14, 10, 0, tzinfo=UTC),
    )
    before = next_due(letter)

    closure_day_add(
        day=date(2026, 12, 24),
        reason_cy="Cau dros y Nadolig",
        reason_en="Christmas closure",
        now=datetime(2026, 12, 15, 9, 0, tzinfo=UTC),
    )

    # Due Wednesday 30 December; with Christmas Eve closed, Thursday 31 December.
    assert (before, next_due(letter)) == (
        datetime(2026, 12, 30, 17, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 17, 0, tzinfo=UTC),
    )


def test_a_breached_deadline_is_still_the_next_one(case):
    sla_sweep(now=ACKNOWLEDGE_DUE + timedelta(minutes=1))

    assert Milestone.objects.get(case=case, kind="acknowledge").state == MilestoneState.BREACHED
    assert next_due(case) == ACKNOWLEDGE_DUE


def test_set_based_updates_refresh_only_the_cases_they_change(service, team):
    cases = [make_case(service=service, received_at=RECEIVED) for _ in range(3)]

    Milestone.objects.filter(case__in=cases[:2], kind="acknowledge").update(
        state=MilestoneState.MET, met_at=RECEIVED
    )
    Milestone.objects.filter(case=cases[2]).update(state=MilestoneState.DUE_SOON)

    assert [next_due(c) for c in cases] == [RESPOND_DUE, RESPOND_DUE, ACKNOWLEDGE_DUE]


def test_removing_the_milestones_leaves_nothing_due(case):
    Milestone.objects.filter(case=case).delete()

    assert next_due(case) is None


@pytest.mark.parametrize(
    ("state", "due_at", "expected"),
    [
        # Earlier than the answer's deadline: it comes forward.
        (MilestoneState.PENDING, ACKNOWLEDGE_DUE, ACKNOWLEDGE_DUE),
        # Later: the answer's stays the next.
        (MilestoneState.PENDING, RESPOND_DUE + timedelta(days=1), RESPOND_DUE),
        # Already met, or without a due time: nothing to be due at.
        (MilestoneState.MET, ACKNOWLEDGE_DUE, RESPOND_DUE),
        (MilestoneState.PENDING, None, RESPOND_DUE),
        (MilestoneState.BREACHED, ACKNOWLEDGE_DUE, ACKNOWLEDGE_DUE),
    ],
)
def test_a_milestone_added_to_a_case_brings_its_deadline_forward_only(
    case, state, due_at, expected
):
    """On INSERT the trigger compares the new rows with the kept next deadline (contacts
    0023): a milestone added later (a complaint's next stage, a re-opening) can only bring it
    forward."""
    acknowledge = Milestone.objects.get(case=case, kind="acknowledge")
    Milestone.objects.filter(pk=acknowledge.pk).delete()
    assert next_due(case) == RESPOND_DUE

    acknowledge.pk = None
    acknowledge.state, acknowledge.due_at = state, due_at
    acknowledge.save()

    assert next_due(case) == expected


def test_milestones_added_to_several_cases_at_once_each_move_their_own(service, team):
    cases = [make_case(service=service, received_at=RECEIVED) for _ in range(2)]
    removed = list(Milestone.objects.filter(case__in=cases, kind="acknowledge").order_by("case"))
    Milestone.objects.filter(pk__in=[m.pk for m in removed]).delete()
    for milestone, due_at in zip(
        removed, [ACKNOWLEDGE_DUE, RESPOND_DUE + timedelta(days=1)], strict=True
    ):
        milestone.pk, milestone.due_at = None, due_at

    Milestone.objects.bulk_create(removed)

    assert [next_due(c) for c in cases] == [ACKNOWLEDGE_DUE, RESPOND_DUE]
