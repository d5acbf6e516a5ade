"""A hand-counted month of cases for the evaluation's figures (March 2026, GMT).

    case  language  acknowledge            respond                  status / reopened
    A     Welsh     met after 2 h          met after 3 days (72 h)  resolved, never reopened
    B     English   met after 4 h          met late after 15 days   resolved, reopened once
    C     English   met late after 30 h    open past its deadline   in progress
    two drop-in visitors at reception, seen after 8 and 20 minutes

So, for the month: on time 3 (A ack, B ack, A respond), late 2 (C ack, B respond), open past
the deadline 1 (C respond): 3 / 6 = 50.0 % met. Acknowledge times 2, 4, 30 h: median 4.0 h,
90th percentile 4 + 0.8 × 26 = 24.8 h. Respond times 72, 360 h: median 216.0 h, 90th
percentile 72 + 0.9 × 288 = 331.2 h. Welsh 2 / 2 = 100.0 %; English 1 / 4 = 25.0 %. Right
first time: A of A and B = 50.0 %. Waits 8 and 20 minutes: median 14.0, 90th percentile
8 + 0.9 × 12 = 18.8.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from contacts.models import Case, Customer, Milestone, Visit
from contacts.reception import reception_register
from tests.factories import make_case

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Month:
    a: Case
    b: Case
    c: Case


def _met(case: Case, kind: str, *, after: timedelta, late: bool = False) -> None:
    milestone = Milestone.objects.get(case=case, kind=kind)
    Milestone.objects.filter(pk=milestone.pk).update(
        state="met_late" if late else "met", met_at=milestone.starts_at + after
    )


def build_month(*, service, advisor) -> Month:
    a = make_case(
        service=service,
        received_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        language="cy",
        owner=advisor,
        customer=Customer(name="Ann Jones", preferred_language="cy"),
    )
    b = make_case(
        service=service,
        received_at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
        language="en",
        owner=advisor,
        customer=Customer(name="Bob Smith", preferred_language="en"),
    )
    c = make_case(
        service=service,
        received_at=datetime(2026, 3, 4, 9, 0, tzinfo=UTC),
        language="en",
        customer=Customer(name="Cai Evans", preferred_language="en"),
    )
    _met(a, "acknowledge", after=timedelta(hours=2))
    _met(a, "respond", after=timedelta(days=3))
    _met(b, "acknowledge", after=timedelta(hours=4))
    _met(b, "respond", after=timedelta(days=15), late=True)
    _met(c, "acknowledge", after=timedelta(hours=30), late=True)
    Milestone.objects.filter(case=c, kind="respond").update(state="breached")
    Case.objects.filter(pk=a.pk).update(status="resolved", resolved_at=NOW - timedelta(days=40))
    Case.objects.filter(pk=b.pk).update(
        status="resolved", resolved_at=NOW - timedelta(days=30), reopened_count=1
    )
    Case.objects.filter(pk=c.pk).update(status="in_progress")
    for name, arrived, waited in (
        ("Dai", datetime(2026, 3, 5, 10, 0, tzinfo=UTC), 8),
        ("Eira", datetime(2026, 3, 6, 11, 0, tzinfo=UTC), 20),
    ):
        visit = reception_register(
            service=service,
            actor=advisor,
            name=name,
            reason="Council tax",
            welsh=False,
            now=arrived,
        ).case
        assert Visit.objects.filter(case=visit).exists()
        Milestone.objects.filter(case=visit, kind="seen").update(
            state="met", met_at=arrived + timedelta(minutes=waited)
        )
    return Month(a, b, c)
