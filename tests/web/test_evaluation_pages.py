"""The standards evaluation page and its exports, through the pages: the hand-counted month
of ``tests/standards/evaluation_fixture``, bad periods refused with a translated error, and
only managers and administrators let in."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from accounts.models import Role
from performance.dashboards.daily import daily_stats_refresh
from tests.factories import ServiceFactory, UserFactory
from tests.performance.evaluation_fixture import NOW, build_month

pytestmark = pytest.mark.django_db

MARCH = "first=2026-03-01&last=2026-03-31&grain=month"


@pytest.fixture
def month(service, advisor, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    built = build_month(service=service, advisor=advisor)
    daily_stats_refresh(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31), now=NOW)
    return built


def test_the_report_shows_every_table_for_the_period(client, month, team):
    client.force_login(team.manager)
    response = client.get(f"/en/standards-evaluation/?{MARCH}")
    assert response.status_code == 200
    slugs = [table.slug for table in response.context["tables"]]
    assert slugs == [
        "met-trend",
        "met-by-standard",
        "response-times",
        "reception-waits",
        "appointment-changes",
        "right-first-time",
        "routed-right-first-time",
        "satisfaction",
        "language-parity",
        "monitoring-by-standard",
        "monitoring-by-service",
        "monitoring-by-officer",
    ]
    html = response.content.decode()
    assert "Cases received from 1 March 2026 to 31 March 2026." in html
    # The chart is the data table itself (charts.css), with the figure written out.
    assert 'class="charts-css bar' in html and "50.0%" in html
    assert f"/en/standards-evaluation/met-trend.csv?{MARCH}" in html.replace("&amp;", "&")


def test_a_manager_sees_only_their_service(client, month, team):
    other = ServiceFactory(code="housing")
    manager = UserFactory(role=Role.MANAGER, team=None)
    from tests.factories import TeamFactory

    manager.team = TeamFactory(service=other, manager=manager)
    manager.save()
    client.force_login(manager)
    tables = client.get(f"/en/standards-evaluation/?{MARCH}").context["tables"]
    assert tables[0].rows == []


def test_csv_export_has_the_pages_headings_and_figures(client, month, team):
    client.force_login(team.manager)
    response = client.get(f"/en/standards-evaluation/language-parity.csv?{MARCH}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="language-parity-20260301-20260331.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == [
        "Language of the contact",
        "Met on time",
        "Met late",
        "Still open after the deadline",
        "Percentage met on time",
    ]
    assert rows[1] == ["Welsh", "2", "0", "0", "100.0", "1", "72.0", "72.0"]
    assert rows[2] == ["English", "1", "2", "1", "25.0", "1", "360.0", "360.0"]


def test_xlsx_export(client, month, team):
    client.force_login(team.manager)
    response = client.get(f"/en/standards-evaluation/met-trend.xlsx?{MARCH}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "Month",
        "Met on time",
        "Met late",
        "Still open after the deadline",
        "Percentage met on time",
    ]
    assert values[1][1:] == [3, 2, 1, 50.0]
    assert values[1][0].date() == date(2026, 3, 1)


def test_the_welsh_export_has_welsh_headings(client, month, team):
    client.force_login(team.manager)
    response = client.get(f"/cy/standards-evaluation/right-first-time.csv?{MARCH}")
    heading = response.content.decode("utf-8-sig").splitlines()[0]
    assert heading.startswith("Gwasanaeth,")


def test_an_unknown_table_is_not_found(client, month, team):
    client.force_login(team.manager)
    assert client.get(f"/en/standards-evaluation/nothing.csv?{MARCH}").status_code == 404
    assert client.get(f"/en/standards-evaluation/met-trend.pdf?{MARCH}").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "first=2026-03-31&last=2026-03-01&grain=month",
            "The last day must be the same as or after the first",
        ),
        ("first=not-a-date&last=2026-03-01&grain=month", "The first day must be a real date"),
        (
            "first=1900-01-01&last=2026-03-01&grain=month",
            "The first day must be between 1 January 2000 and 31 December 2100",
        ),
        ("first=2020-01-01&last=2026-03-01&grain=month", "Choose a period of three years or less"),
        ("first=2026-03-01&last=2026-03-31&grain=decade", "Choose weeks or months"),
        ("first=2026-03-01%00&last=2026-03-31&grain=month", "The first day must be a real date"),
    ],
)
def test_a_bad_period_is_refused_with_a_clear_error(client, month, team, query, message):
    client.force_login(team.manager)
    response = client.get(f"/en/standards-evaluation/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert client.get(f"/en/standards-evaluation/met-trend.csv?{query}").status_code == 400


def test_an_administrator_may_choose_a_service_but_not_an_unknown_one(
    client, month, administrator, service
):
    client.force_login(administrator)
    ok = client.get(f"/en/standards-evaluation/?{MARCH}&service={service.pk}")
    assert ok.status_code == 200
    assert ok.context["tables"][0].rows[0][1:] == [3, 2, 1, pytest.approx(50)]
    bad = client.get(f"/en/standards-evaluation/?{MARCH}&service=99999")
    assert bad.status_code == 400
    assert "Select a service from the list" in bad.content.decode()


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.COUNCILLOR, Role.CLERK])
def test_other_roles_are_refused(client, month, team, role):
    client.force_login(UserFactory(role=role, team=team))
    assert client.get(f"/en/standards-evaluation/?{MARCH}").status_code == 403
    assert client.get(f"/en/standards-evaluation/met-trend.csv?{MARCH}").status_code == 403


def test_the_printable_report(client, month, team):
    client.force_login(team.manager)
    response = client.get(f"/en/standards-evaluation/?{MARCH}&print=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "save it as a PDF" in html
    assert 'app-no-print app-period-form" hidden' in html


def test_the_report_reads_a_bounded_number_of_queries(
    client, month, team, django_assert_max_num_queries
):
    client.force_login(team.manager)
    with django_assert_max_num_queries(40):
        client.get(f"/en/standards-evaluation/?{MARCH}")


def test_the_welsh_report_names_standards_in_welsh_never_by_code(client, month, team):
    """The month's cases came by e-mail (EMAIL_DEPARTMENT) and to reception (VISIT_RECEPTION)."""
    client.force_login(team.manager)
    html = client.get(f"/cy/standards-evaluation/?{MARCH}").content.decode()
    assert "Yn anfon e-bost at adran" in html
    for english_or_code in ("EMAIL_DEPARTMENT", "VISIT_RECEPTION", "E-mails a department"):
        assert english_or_code not in html
