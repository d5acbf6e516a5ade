"""The quarterly report against a fixture counted by hand."""

from datetime import UTC, date, datetime

import pytest

from complaints.domain.rules import Quarter
from complaints.models import Complaint, ComplaintCategory, ReportingSettings
from complaints.report import quarterly_report, report_csv, report_xlsx
from tests.factories import ServiceFactory, make_case

PHONE = {"contact_type": "answered"}
LETTER = {"postal_address": "1 Stryd Fawr"}


def _complaint(service, *, received_at, channel="email", details=None, category=None, **fields):
    case = make_case(
        service=service, kind="complaint", channel=channel, details=details, received_at=received_at
    )
    if category is None:
        return case
    Complaint.objects.create(
        case=case,
        category=ComplaintCategory.objects.get(code=category),
        events_on=date(2026, 1, 1),
        **fields,
    )
    return case


@pytest.fixture
def fixture(service):
    """Quarter 1 of 2026-27 is April to June 2026 (local time; BST is UTC+1).

    ===  =========  ================  =======  ========  ==============================
         service    received (local)  channel  category  closed
    ===  =========  ================  =======  ========  ==============================
    A    waste      10 Apr            email    waste     20 Apr, upheld, within 20 days;
                                                         Ombudsman: referred 1 May,
                                                         decided 15 Jun
    B    waste      5 May             letter   housing   30 Jun 23:30, partly upheld,
                                                         20 days to 3 months
    C    waste      30 Jun 23:30      phone    waste     open
    D    waste      1 Jul 00:30       email    waste     (quarter 2: not counted)
    E    waste      20 Mar            email    waste     2 Apr, not upheld, within 20
    F    waste      15 Apr            phone    —         (not recorded yet)
    G    highways   12 Apr            email    waste     13 Apr, withdrawn, within 20
    ===  =========  ================  =======  ========  ==============================
    """
    highways = ServiceFactory(code="highways")
    ReportingSettings.objects.create(population=50_000)
    _complaint(
        service,
        received_at=datetime(2026, 4, 10, 9, 0, tzinfo=UTC),
        category="waste",
        outcome="upheld",
        outcome_at=datetime(2026, 4, 20, 9, 0, tzinfo=UTC),
        closure_band="within_20",
        ombudsman_referred_on=date(2026, 5, 1),
        ombudsman_outcome="not_upheld",
        ombudsman_decided_on=date(2026, 6, 15),
    )
    _complaint(
        service,
        received_at=datetime(2026, 5, 5, 9, 0, tzinfo=UTC),
        channel="letter",
        details=LETTER,
        category="housing",
        outcome="partly_upheld",
        outcome_at=datetime(2026, 6, 30, 22, 30, tzinfo=UTC),
        closure_band="up_to_3_months",
    )
    _complaint(
        service,
        received_at=datetime(2026, 6, 30, 22, 30, tzinfo=UTC),
        channel="phone",
        details=PHONE,
        category="waste",
    )
    _complaint(service, received_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC), category="waste")
    _complaint(
        service,
        received_at=datetime(2026, 3, 20, 9, 0, tzinfo=UTC),
        category="waste",
        outcome="not_upheld",
        outcome_at=datetime(2026, 4, 2, 9, 0, tzinfo=UTC),
        closure_band="within_20",
    )
    _complaint(
        service,
        received_at=datetime(2026, 4, 15, 9, 0, tzinfo=UTC),
        channel="phone",
        details=PHONE,
    )
    _complaint(
        highways,
        received_at=datetime(2026, 4, 12, 9, 0, tzinfo=UTC),
        category="waste",
        outcome="withdrawn",
        outcome_at=datetime(2026, 4, 13, 9, 0, tzinfo=UTC),
        closure_band="within_20",
    )
    return highways


def _rows(rows):
    return {row.label: (row.count, row.percent) for row in rows}


def test_the_whole_council(fixture, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        report = quarterly_report(quarter=Quarter(2026, 1))

    assert (report.received, report.closed, report.population) == (5, 4, 50_000)
    assert report.per_thousand == 0.1  # 5 / 50,000 × 1,000
    assert _rows(report.bands) == {
        "Within 20 working days": (3, 75.0),
        "20 working days to 3 months": (1, 25.0),
        "3 to 6 months": (0, 0.0),
        "Over 6 months": (0, 0.0),
    }
    assert _rows(report.outcomes) == {
        "Upheld": (1, 25.0),
        "Partly upheld": (1, 25.0),
        "Not upheld": (1, 25.0),
        "Resolved early (investigation not merited)": (0, 0.0),
        "Withdrawn or discontinued": (1, 25.0),
    }
    assert report.upheld_percent == 50.0  # upheld and partly upheld: 2 of 4
    assert (report.referred_to_ombudsman, report.decided_by_ombudsman) == (1, 1)
    categories = {label: count for label, (count, _pc) in _rows(report.by_category).items()}
    assert categories["Waste"] == 3  # A, C, G
    assert categories["Housing"] == 1  # B
    assert categories["Not yet categorised"] == 1  # F
    assert sum(categories.values()) == 5
    channels = {label: count for label, (count, _pc) in _rows(report.by_channel).items()}
    assert {label: n for label, n in channels.items() if n} == {
        "E-mail": 2,
        "Letter": 1,
        "Phone": 2,
    }


def test_one_service(fixture, service):
    report = quarterly_report(quarter=Quarter(2026, 1), service=service)
    assert (report.received, report.closed) == (4, 3)  # without G
    assert report.upheld_percent == 66.7  # 2 of 3


def test_an_empty_quarter_has_no_percentages(fixture):
    report = quarterly_report(quarter=Quarter(2025, 1))
    assert (report.received, report.closed, report.upheld_percent) == (0, 0, None)
    assert all(row.percent is None for row in report.bands)


def test_downloads(fixture):
    report = quarterly_report(quarter=Quarter(2026, 1))
    text = report_csv(report)
    assert text.splitlines()[0] == "Section,Figure,Number,Per cent"
    assert "Summary,Complaints received,5," in text
    assert "Time taken to close,Within 20 working days,3,75.0" in text

    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(report_xlsx(report))).active
    assert sheet.title == "2026-Q1"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("Summary", "Complaints received", 5, None)


def test_a_category_name_is_text_in_both_downloads(fixture):
    """Category names are typed in the admin: on today's main one starting with "=" was a
    formula in the XLSX and the CSV, and a control character in one made the XLSX a 500."""
    ComplaintCategory.objects.filter(code="waste").update(
        name_en='=HYPERLINK("http://evil.example","Waste")\x0b'
    )
    report = quarterly_report(quarter=Quarter(2026, 1))

    from io import BytesIO

    from openpyxl import load_workbook

    cells = [cell for row in load_workbook(BytesIO(report_xlsx(report))).active for cell in row]
    labels = [cell.value for cell in cells if "HYPERLINK" in str(cell.value)]
    assert labels == ['\'=HYPERLINK("http://evil.example","Waste")']
    assert all(cell.data_type != "f" for cell in cells)
    csv_rows = [line for line in report_csv(report).split("\r\n") if "HYPERLINK" in line]
    assert csv_rows == [
        'Received by category,"\'=HYPERLINK(""http://evil.example"",""Waste"")\x0b",3,'
    ]
