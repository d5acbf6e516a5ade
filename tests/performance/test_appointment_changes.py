"""The evaluation's count of appointments and officer visits running late or re-booked, per
month and per week, against hand-counted events (SPEC §10).

December 2026 is GMT, so local times are the UTC ones; Monday 30 November starts the week that
holds 1 to 6 December. The events, by when they were recorded:

============  ==============  ==========================================  =========
case          kind            events                                      service
============  ==============  ==========================================  =========
A1            appointment     late Tue 1 Dec 14:00 and 14:30, re-booked   waste
                              Wed 2 Dec 09:00
A2            appointment     late Mon 30 Nov 23:30                       waste
V1            officer visit   re-booked Thu 3 Dec 09:00, late Mon 7 Dec   waste
                              10:00
V2            officer visit   late Wed 2 Dec 10:00                        other
A3            appointment     late Fri 1 Jan 2027 10:00 (outside)         waste
============  ==============  ==========================================  =========

By month: November, appointments 1 late (A2); December, appointments 1 late (A1 told twice
is one appointment) and 1 re-booked, officer visits 2 late (V1, V2) and 1 re-booked.
By week: 30 November, appointments 2 late (A1, A2) and 1 re-booked, officer visits 1 late (V2)
and 1 re-booked (V1); 7 December, officer visits 1 late (V1).
"""

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from contacts.models import Customer
from contacts.services.appointments import appointment_rebook, appointment_running_late
from performance.dashboards.evaluation import Period, appointment_changes, evaluation_tables
from performance.domain.measures import Grain
from tests.factories import ServiceFactory, make_case

pytestmark = pytest.mark.django_db

APPOINTMENT = "Appointment at the office"
VISIT = "Officer visit to the customer"


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def booked(service, contact_type: str, when: datetime):
    return make_case(
        service=service,
        channel="visit",
        details={"contact_type": contact_type, "scheduled_at": when.isoformat()},
        received_at=at(11, 2, 9),
        customer=Customer(name="Eira Jones"),
    )


def late(case, actor, now, minutes=30):
    appointment_running_late(case=case, minutes=minutes, reason="Delayed", actor=actor, now=now)


def rebook(case, actor, now, to):
    appointment_rebook(case=case, at=to, reason="Officer ill", actor=actor, now=now)


@pytest.fixture
def events(service, advisor):
    other = ServiceFactory(code="planning")
    a1 = booked(service, "appointment", at(12, 1, 15))
    late(a1, advisor, at(12, 1, 14))
    late(a1, advisor, at(12, 1, 14, 30))
    rebook(a1, advisor, at(12, 2, 9), to=at(12, 4, 10))
    a2 = booked(service, "appointment", at(12, 1, 9))
    late(a2, advisor, at(11, 30, 23, 30), minutes=10)
    v1 = booked(service, "officer_visit", at(12, 4, 11))
    rebook(v1, advisor, at(12, 3, 9), to=at(12, 7, 10))
    late(v1, advisor, at(12, 7, 10), minutes=20)
    v2 = booked(other, "officer_visit", at(12, 2, 11))
    late(v2, advisor, at(12, 2, 10))
    a3 = booked(service, "appointment", at(1, 4, 10, year=2027))
    late(a3, advisor, at(1, 1, 10, year=2027))
    return other


def test_per_month_every_service(events):
    table = appointment_changes(Period(first=date(2026, 11, 1), last=date(2026, 12, 31)))
    assert table.rows == [
        [date(2026, 11, 1), APPOINTMENT, 1, 0],
        [date(2026, 12, 1), APPOINTMENT, 1, 1],
        [date(2026, 12, 1), VISIT, 2, 1],
    ]


def test_per_month_one_service(events, service):
    period = Period(first=date(2026, 11, 1), last=date(2026, 12, 31), service_id=service.pk)
    assert appointment_changes(period).rows == [
        [date(2026, 11, 1), APPOINTMENT, 1, 0],
        [date(2026, 12, 1), APPOINTMENT, 1, 1],
        [date(2026, 12, 1), VISIT, 1, 1],
    ]


def test_per_week(events):
    period = Period(first=date(2026, 11, 30), last=date(2026, 12, 13), grain=Grain.WEEK)
    assert appointment_changes(period).rows == [
        [date(2026, 11, 30), APPOINTMENT, 2, 1],
        [date(2026, 11, 30), VISIT, 1, 1],
        [date(2026, 12, 7), VISIT, 1, 0],
    ]


def test_one_grouped_query_whatever_the_events(events, django_assert_num_queries):
    with django_assert_num_queries(1):
        appointment_changes(Period(first=date(2026, 11, 1), last=date(2026, 12, 31)))


def test_the_table_in_both_languages(events):
    period = Period(first=date(2026, 12, 1), last=date(2026, 12, 31))
    assert "appointment-changes" in [t.slug for t in evaluation_tables(period)]
    with translation.override("en"):
        table = appointment_changes(period)
        assert str(table.title) == "Appointments and officer visits running late or re-booked"
        assert [str(c.label) for c in table.columns] == [
            "Month",
            "Kind of visit",
            "Running late",
            "Cancelled and re-booked",
        ]
    with translation.override("cy"):
        table = appointment_changes(period)
        assert str(table.title) == (
            "Apwyntiadau ac ymweliadau gan swyddogion a oedd yn hwyr neu a aildrefnwyd"
        )
        assert [str(c.label) for c in table.columns][1:] == [
            "Math o ymweliad",
            "Yn rhedeg yn hwyr",
            "Wedi'u canslo a'u haildrefnu",
        ]
        assert table.rows[0][1] == "Apwyntiad yn y swyddfa"
