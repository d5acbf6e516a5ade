"""Each figure of the standards evaluation against the hand-counted month in
``evaluation_fixture`` (the arithmetic is in its docstring)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from performance.dashboards.daily import daily_stats_refresh, daily_stats_refresh_recent
from performance.dashboards.evaluation import (
    Period,
    language_parity,
    met_by_standard,
    met_trend,
    reception_waits,
    response_times,
    right_first_time,
)
from performance.domain.measures import Grain
from performance.models import DailyCaseStat, DailyMilestoneStat
from tests.factories import ServiceFactory, make_case

from .evaluation_fixture import NOW, build_month

pytestmark = pytest.mark.django_db

MARCH = Period(first=date(2026, 3, 1), last=date(2026, 3, 31), grain=Grain.MONTH)


@pytest.fixture
def month(service, advisor):
    built = build_month(service=service, advisor=advisor)
    daily_stats_refresh(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31), now=NOW)
    return built


def test_percent_met_over_the_month(month):
    table = met_trend(MARCH)
    assert table.rows == [[date(2026, 3, 1), 3, 2, 1, Decimal("50.0")]]


def test_percent_met_per_standard_per_week(month, service):
    weekly = Period(first=MARCH.first, last=MARCH.last, grain=Grain.WEEK)
    table = met_by_standard(weekly)
    # Every case came in the week of Monday 2 March; the e-mail standard holds all six.
    assert [row[1:] for row in table.rows] == [[date(2026, 3, 2), 3, 2, 1, Decimal("50.0")]]
    assert table.rows[0][0] == "E-mails a department"  # its name, never its code


def test_median_and_90th_percentile_times_per_channel(month):
    rows = response_times(MARCH).rows
    assert rows == [
        ["E-mail", "Acknowledge", 3, Decimal("4.0"), Decimal("24.8")],
        ["E-mail", "Respond", 2, Decimal("216.0"), Decimal("331.2")],
    ]


def test_reception_waiting_times(month):
    assert reception_waits(MARCH).rows == [[date(2026, 3, 1), 2, Decimal("14.0"), Decimal("18.8")]]


def test_right_first_time(month):
    assert right_first_time(MARCH).rows == [["Waste and recycling", 2, 1, Decimal("50.0")]]


def test_welsh_and_english_compared(month):
    assert language_parity(MARCH).rows == [
        ["Welsh", 2, 0, 0, Decimal("100.0"), 1, Decimal("72.0"), Decimal("72.0")],
        ["English", 1, 2, 1, Decimal("25.0"), 1, Decimal("360.0"), Decimal("360.0")],
        # the two visitors' "seen" milestones are waits, not promises met
        ["Not known", 0, 0, 0, None, 0, None, None],
    ]


def test_another_service_is_left_out_when_one_is_chosen(month, service):
    other = ServiceFactory(code="highways")
    make_case(service=other, received_at=NOW.replace(month=3, day=10))
    daily_stats_refresh(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31), now=NOW)
    mine = Period(first=MARCH.first, last=MARCH.last, service_id=service.pk)
    assert met_trend(mine).rows == [[date(2026, 3, 1), 3, 2, 1, Decimal("50.0")]]
    # Every service: the highways case's two milestones (due 11 and 24 March) are still open
    # on 1 May, so two more count against the month: 3 / 8.
    assert met_trend(MARCH).rows == [[date(2026, 3, 1), 3, 2, 3, Decimal("37.5")]]


def test_refreshing_twice_changes_nothing(month):
    before = list(DailyMilestoneStat.objects.order_by("pk").values())
    daily_stats_refresh(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31), now=NOW)
    after = list(DailyMilestoneStat.objects.order_by("pk").values())
    assert [{**r, "refreshed_at": None} for r in before] == [
        {**r, "refreshed_at": None} for r in after
    ]


def test_a_case_moved_to_another_service_leaves_its_old_group(month, service):
    from contacts.models import Case

    other = ServiceFactory(code="housing")
    Case.objects.filter(pk__in=[month.a.pk, month.b.pk, month.c.pk]).update(service=other)
    later = NOW + timedelta(minutes=15)
    daily_stats_refresh(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31), now=later)
    mine = Period(first=MARCH.first, last=MARCH.last, service_id=service.pk)
    assert met_trend(mine).rows == []
    assert DailyCaseStat.objects.filter(service=other).count() > 0


def test_the_recent_refresh_covers_the_last_sixty_days(service, advisor):
    case = make_case(service=service, received_at=NOW.replace(month=4, day=20))
    result = daily_stats_refresh_recent(now=NOW)
    assert (result.first_day, result.last_day, result.done) == (
        date(2026, 3, 2),
        date(2026, 5, 1),
        True,
    )
    assert DailyCaseStat.objects.get(day=date(2026, 4, 20)).received == 1
    assert case.pk


def test_satisfaction_per_service(month):
    """A satisfied, B not: 1 of 2 = 50.0 % while C's "yes" was given in April (another
    period's); with C's answer in March too, 2 of 3 = 66.7 %."""
    from datetime import UTC, datetime

    from performance.dashboards.evaluation import satisfaction
    from performance.models import SatisfactionAnswer

    march = datetime(2026, 3, 20, 12, tzinfo=UTC)
    for case, answer in ((month.a, "yes"), (month.b, "no"), (month.c, "yes")):
        SatisfactionAnswer.objects.create(case=case, answer=answer, answered_at=march)
    SatisfactionAnswer.objects.filter(case=month.c).update(
        answered_at=datetime(2026, 4, 2, tzinfo=UTC)
    )
    assert satisfaction(MARCH).rows == [["Waste and recycling", 1, 1, Decimal("50.0")]]
    SatisfactionAnswer.objects.filter(case=month.c).update(answered_at=march)
    assert satisfaction(MARCH).rows == [["Waste and recycling", 2, 1, Decimal("66.7")]]


def test_the_beat_job_rebuilds_older_days_once_a_day(service, advisor):
    """A case received 100 days back is outside the 60-day refresh: the first run builds the
    year before it (never built), a run an hour later leaves it, a run a day later rebuilds."""
    from performance.dashboards.daily import daily_stats_keep_current
    from performance.tasks import daily_stats, sla_snapshot

    old = make_case(service=service, received_at=NOW - timedelta(days=100))
    assert daily_stats_keep_current(now=NOW)
    row = DailyCaseStat.objects.get(day=(NOW - timedelta(days=100)).date())
    assert row.received == 1
    from contacts.models import Case

    Case.objects.filter(pk=old.pk).update(status="closed")
    daily_stats_keep_current(now=NOW + timedelta(hours=1))
    assert DailyCaseStat.objects.get(pk=row.pk).resolved == 0
    daily_stats_keep_current(now=NOW + timedelta(days=1, hours=1))
    assert DailyCaseStat.objects.get(day=row.day).resolved == 1
    # The tasks are thin adapters over the same jobs.
    assert daily_stats.run() is True
    assert sla_snapshot.run() is True
