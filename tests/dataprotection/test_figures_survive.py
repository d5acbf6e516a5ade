"""The standards evaluation, the dashboards' daily tables and the quarterly complaints report
give the same figures before and after a retention run anonymises every case they count."""

from datetime import UTC, date, datetime, timedelta

import pytest

from complaints.domain.rules import Quarter
from complaints.models import Complaint, ComplaintCategory, ReportingSettings
from complaints.report import quarterly_report
from contacts.models import Case, Customer
from dataprotection.services.retention import retention_apply
from performance.dashboards.daily import daily_stats_refresh
from performance.dashboards.evaluation import (
    Period,
    language_parity,
    met_by_standard,
    met_trend,
    reception_waits,
    response_times,
    right_first_time,
)
from performance.models import DailyCaseStat, DailyMilestoneStat
from tests.factories import ServiceFactory, make_case
from tests.performance.evaluation_fixture import NOW, build_month

pytestmark = pytest.mark.django_db

MARCH = Period(first=date(2026, 3, 1), last=date(2026, 3, 31))
LATER = datetime(2033, 1, 1, 3, 0, tzinfo=UTC)


def evaluation() -> list:
    daily_stats_refresh(first_day=MARCH.first, last_day=MARCH.last, now=NOW)
    return [
        figure(MARCH).rows
        for figure in (
            met_trend,
            met_by_standard,
            response_times,
            reception_waits,
            right_first_time,
            language_parity,
        )
    ] + [
        sorted(tuple(row.values())[2:] for row in DailyCaseStat.objects.values().order_by("pk")),
        sorted(
            tuple(v for k, v in row.items() if k not in {"id", "refreshed_at"})
            for row in DailyMilestoneStat.objects.values()
        ),
    ]


def report() -> tuple:
    made = quarterly_report(quarter=Quarter(2026, 1))
    return (
        made.received,
        made.closed,
        made.upheld_percent,
        [(r.label, r.count) for r in made.bands],
        [(r.label, r.count) for r in made.outcomes],
        [(r.label, r.count) for r in made.by_category],
        [(r.label, r.count) for r in made.by_channel],
        made.referred_to_ombudsman,
    )


def test_the_figures_are_the_same_after_anonymisation(service, advisor):
    build_month(service=service, advisor=advisor)
    ReportingSettings.objects.create(population=50_000)
    highways = ServiceFactory(code="highways")
    for owner, received, outcome in (
        (service, datetime(2026, 4, 10, 9, tzinfo=UTC), "upheld"),
        (highways, datetime(2026, 5, 5, 9, tzinfo=UTC), "not_upheld"),
        (service, datetime(2026, 6, 1, 9, tzinfo=UTC), ""),
    ):
        case = make_case(service=owner, kind="complaint", received_at=received)
        Complaint.objects.create(
            case=case,
            category=ComplaintCategory.objects.get(code="waste"),
            events_on=date(2026, 1, 1),
            consent_note="Ann signed",
            outcome=outcome,
            outcome_at=received + timedelta(days=10) if outcome else None,
            closure_band="within_20" if outcome else "",
        )
    # Closed long ago (the milestones and resolutions as they were), so all are due.
    Case.objects.update(status="closed", closed_at=datetime(2026, 7, 1, 9, tzinfo=UTC))
    before = (evaluation(), report())
    assert Customer.objects.exists()

    run = retention_apply(now=LATER, batch_size=2)

    assert run.cases_anonymised == Case.objects.count() == 8
    assert not Customer.objects.exists()
    assert (evaluation(), report()) == before
