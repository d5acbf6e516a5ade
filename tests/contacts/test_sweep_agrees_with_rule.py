"""The SLA sweep's two set-based UPDATEs leave every milestone in the state the pure rule
says (``contacts.domain.milestone_state.swept_state``), on a table of cases."""

from datetime import UTC, datetime, timedelta

import pytest

from contacts.domain.milestone_state import swept_state
from contacts.models import Milestone
from contacts.sla import sla_sweep
from tests.factories import make_case

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
H, S = timedelta(hours=1), timedelta(seconds=1)

# (stored state, due_at, due_soon_at) of the case's "acknowledge" milestone at NOW.
TABLE = [
    ("pending", NOW + 2 * H, NOW + H),  # on track
    ("pending", NOW + 2 * H, NOW + S),  # due soon in a second
    ("pending", NOW + 2 * H, NOW),  # due soon from now exactly
    ("pending", NOW + 2 * H, NOW - H),  # due soon an hour ago, the sweep was late
    ("pending", NOW, NOW - H),  # due now: breached, skipping due soon
    ("pending", NOW - H, NOW - 2 * H),  # overdue
    ("pending", NOW + H, None),  # no due-soon time
    ("pending", None, None),  # only measured
    ("due_soon", NOW + H, NOW - H),  # still due soon
    ("due_soon", NOW, NOW - H),  # now breached
    ("due_soon", NOW + 3 * H, NOW + H),  # extended by a writer into the future: left
    ("breached", NOW + 3 * H, NOW + H),  # never moved back by the sweep
    ("breached", NOW - H, NOW - 2 * H),
    ("met", NOW - H, NOW - 2 * H),
    ("met_late", NOW - H, NOW - 2 * H),
]


@pytest.mark.django_db
def test_the_sweep_moves_each_milestone_as_the_rule_says(service):
    milestones = []
    for state, due_at, due_soon_at in TABLE:
        case = make_case(service=service, received_at=NOW - timedelta(days=5))
        milestone = case.milestones.get(kind="acknowledge")
        Milestone.objects.filter(pk=milestone.pk).update(
            state=state, due_at=due_at, due_soon_at=due_soon_at
        )
        case.milestones.exclude(pk=milestone.pk).delete()
        milestones.append(milestone.pk)

    sla_sweep(now=NOW)

    after = dict(Milestone.objects.filter(pk__in=milestones).values_list("pk", "state"))
    expected = {
        pk: str(swept_state(state, due_at=due_at, due_soon_at=due_soon_at, now=NOW))
        for pk, (state, due_at, due_soon_at) in zip(milestones, TABLE, strict=True)
    }
    assert after == expected
    # and the table holds every move the sweep makes
    assert {(row[0], expected[pk]) for pk, row in zip(milestones, TABLE, strict=True)} >= {
        ("pending", "pending"),
        ("pending", "due_soon"),
        ("pending", "breached"),
        ("due_soon", "breached"),
    }
