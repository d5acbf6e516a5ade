"""The quarterly report to the Ombudsman's Complaints Standards Authority (SPEC §2).

Every figure is counted by the database: one aggregate over the quarter's complaint cases and
one grouped count each for categories and channels, whatever the number of complaints.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Service
from common.csv_cells import csv_cell
from common.export_text import xlsx_cell
from contacts.models import Case, CaseKind
from standards.channels import Channel

from .domain.rules import Quarter, per_thousand, percentage
from .models import ClosureBand, ComplaintCategory, Outcome, ReportingSettings


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    percent: float | None = None


@dataclass(frozen=True)
class QuarterlyReport:
    quarter: Quarter
    service: Service | None
    population: int
    received: int
    per_thousand: float | None
    closed: int
    bands: list[Row]
    outcomes: list[Row]
    upheld_percent: float | None
    referred_to_ombudsman: int
    decided_by_ombudsman: int
    by_category: list[Row]
    by_channel: list[Row]


def _moment(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def population() -> int:
    settings_row = ReportingSettings.objects.order_by("pk").first()
    return settings_row.population if settings_row else ReportingSettings().population


def quarterly_report(*, quarter: Quarter, service: Service | None = None) -> QuarterlyReport:
    start, end = _moment(quarter.starts_on), _moment(quarter.ends_before)
    cases = Case.objects.filter(kind=CaseKind.COMPLAINT)
    if service is not None:
        cases = cases.filter(service=service)
    received = Q(received_at__gte=start, received_at__lt=end)
    closed = Q(complaint__outcome_at__gte=start, complaint__outcome_at__lt=end)
    figures = {
        "received": Count("pk", filter=received),
        "closed": Count("pk", filter=closed),
        "referred": Count(
            "pk",
            filter=Q(
                complaint__ombudsman_referred_on__gte=quarter.starts_on,
                complaint__ombudsman_referred_on__lt=quarter.ends_before,
            ),
        ),
        "decided": Count(
            "pk",
            filter=Q(
                complaint__ombudsman_decided_on__gte=quarter.starts_on,
                complaint__ombudsman_decided_on__lt=quarter.ends_before,
            ),
        ),
    }
    for band in ClosureBand:
        figures[f"band_{band.value}"] = Count("pk", filter=closed & Q(complaint__closure_band=band))
    for outcome in Outcome:
        figures[f"outcome_{outcome.value}"] = Count(
            "pk", filter=closed & Q(complaint__outcome=outcome)
        )
    totals = cases.aggregate(**figures)

    # Complaint cases not yet recorded have no category: their row is None.
    by_category: dict[int | None, int] = dict(
        cases.filter(received)
        .values("complaint__category_id")
        .annotate(total=Count("pk"))
        .order_by()
        .values_list("complaint__category_id", "total")
    )
    by_channel = dict(
        cases.filter(received)
        .values("channel")
        .annotate(total=Count("pk"))
        .order_by()
        .values_list("channel", "total")
    )
    closed_total = totals["closed"]
    received_total = totals["received"]
    people = population()
    category_rows = [
        Row(category.name, by_category.get(category.pk, 0))
        for category in ComplaintCategory.objects.order_by("position", "code")
    ]
    if by_category.get(None):
        category_rows.append(Row(_("Not yet categorised"), by_category[None]))
    upheld = totals["outcome_upheld"] + totals["outcome_partly_upheld"]
    return QuarterlyReport(
        quarter=quarter,
        service=service,
        population=people,
        received=received_total,
        per_thousand=per_thousand(received_total, people),
        closed=closed_total,
        bands=[
            Row(
                str(band.label),
                totals[f"band_{band.value}"],
                percentage(totals[f"band_{band.value}"], closed_total),
            )
            for band in ClosureBand
        ],
        outcomes=[
            Row(
                str(outcome.label),
                totals[f"outcome_{outcome.value}"],
                percentage(totals[f"outcome_{outcome.value}"], closed_total),
            )
            for outcome in Outcome
        ],
        upheld_percent=percentage(upheld, closed_total),
        referred_to_ombudsman=totals["referred"],
        decided_by_ombudsman=totals["decided"],
        by_category=category_rows,
        by_channel=[
            Row(str(channel.label), by_channel.get(channel.value, 0)) for channel in Channel
        ],
    )


def report_rows(report: QuarterlyReport) -> list[tuple[str, str, object, object]]:
    """The report as (section, figure, number, per cent) rows, for the downloads."""
    rows: list[tuple[str, str, object, object]] = [
        (_("Summary"), _("Complaints received"), report.received, ""),
        (_("Summary"), _("Residents"), report.population, ""),
        (_("Summary"), _("Received per 1,000 residents"), report.per_thousand, ""),
        (_("Summary"), _("Complaints closed"), report.closed, ""),
        (_("Summary"), _("Upheld or partly upheld"), "", report.upheld_percent),
        (_("Summary"), _("Referred to the Ombudsman"), report.referred_to_ombudsman, ""),
        (_("Summary"), _("Decided by the Ombudsman"), report.decided_by_ombudsman, ""),
    ]
    for section, items in (
        (_("Time taken to close"), report.bands),
        (_("Outcomes"), report.outcomes),
        (_("Received by category"), report.by_category),
        (_("Received by channel"), report.by_channel),
    ):
        rows.extend(
            (section, row.label, row.count, "" if row.percent is None else row.percent)
            for row in items
        )
    return [
        (
            str(section),
            str(label),
            "" if number is None else number,
            "" if percent is None else percent,
        )
        for section, label, number, percent in rows
    ]


def report_headings() -> list[str]:
    return [_("Section"), _("Figure"), _("Number"), _("Per cent")]


def report_csv(report: QuarterlyReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(report_headings())
    # Category names are typed by administrators: text, never a formula.
    writer.writerows(
        [csv_cell(value) if isinstance(value, str) else value for value in row]
        for row in report_rows(report)
    )
    return out.getvalue()


def report_xlsx(report: QuarterlyReport) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = report.quarter.code
    sheet.append(report_headings())
    for row in report_rows(report):
        # Category names are typed by administrators: text, never a formula.
        sheet.append([xlsx_cell(value) for value in row])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 48
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
