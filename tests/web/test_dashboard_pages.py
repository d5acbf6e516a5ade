"""The SLA breach dashboard and its drill-down, through the pages: every figure hand-counted,
who may see it, and bad links answered with a clear error, never a 500.

Monday 2 March 2026, 15:00 GMT, the waste service:

    case  channel  language  owner    milestone: state, due
    E     e-mail   Welsh     advisor  acknowledge: breached, yesterday
    F     e-mail   English   nobody   acknowledge: due soon, 16:00 today
    G     letter   English   advisor  respond: on track, 17:00 today
    H     e-mail   English   (highways service) acknowledge: breached

A manager of waste sees breached 1 (E), due today 2 (F, G), due soon 1 (F); an administrator
also sees H (breached 2).
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from accounts.models import Role
from contacts.models import Customer, Milestone
from performance.dashboards.live import sla_snapshot_take
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def _set(case, kind, **fields):
    Milestone.objects.filter(case=case, kind=kind).update(**fields)


@pytest.fixture
def board(service, team, advisor, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    e = make_case(
        service=service,
        received_at=NOW - timedelta(days=3),
        language="cy",
        owner=advisor,
        customer=Customer(name="Eleri"),
    )
    _set(e, "acknowledge", state="breached", due_at=NOW - timedelta(days=1))
    _set(e, "respond", state="pending", due_at=NOW + timedelta(days=10))
    f = make_case(service=service, received_at=NOW - timedelta(hours=23), language="en")
    _set(f, "acknowledge", state="due_soon", due_at=NOW + timedelta(hours=1))
    _set(f, "respond", state="pending", due_at=NOW + timedelta(days=9))
    g = make_case(
        service=service,
        channel="letter",
        details={"postal_address": "1 Stryd Fawr"},
        received_at=NOW - timedelta(days=14),
        language="en",
        owner=advisor,
    )
    _set(g, "respond", state="pending", due_at=NOW + timedelta(hours=2))
    highways = ServiceFactory(code="highways")
    h = make_case(service=highways, received_at=NOW - timedelta(days=3), language="en")
    _set(h, "acknowledge", state="breached", due_at=NOW - timedelta(days=1))
    _set(h, "respond", state="pending", due_at=NOW + timedelta(days=10))
    sla_snapshot_take(now=NOW)
    return {"E": e, "F": f, "G": g, "H": h}


def _numbers(html: str, caption: str) -> list[list[str]]:
    """The rows of one dashboard table as text: label, breached, due today, due soon."""
    import re

    table = html.split(f">{caption}</caption>")[1].split("</table>")[0]
    rows = []
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append(
            [
                re.sub(r"<span class=\"govuk-visually-hidden\">.*?</span>|<[^>]+>", "", c).strip()
                for c in cells
            ]
        )
    return rows


def test_the_manager_sees_their_service_counted_by_every_dimension(client, board, team, advisor):
    client.force_login(team.manager)
    response = client.get("/en/sla-dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    for bucket in ("breached", "due_today", "due_soon"):
        assert f'href="/en/sla-dashboard/cases/?bucket={bucket}">' in html
    assert _numbers(html, "By channel")[1:] == [
        ["E-mail", "1", "1", "1"],
        ["Letter", "0", "1", "0"],
    ]
    assert _numbers(html, "By language")[1:] == [
        ["Welsh", "1", "0", "0"],
        ["English", "0", "2", "1"],
    ]
    assert _numbers(html, "By officer")[1:] == [
        [advisor.get_full_name(), "1", "1", "0"],
        ["Nobody", "0", "1", "1"],
    ]
    # A case given to an officer goes to the officer's team.
    assert _numbers(html, "By team")[1:] == [[team.name, "1", "1", "0"], ["No team", "0", "1", "1"]]
    assert _numbers(html, "By service")[1:] == [["Waste and recycling", "1", "2", "1"]]


def test_the_totals_are_hand_counted(client, board, team, administrator):
    client.force_login(team.manager)
    context = client.get("/en/sla-dashboard/").context
    assert [n for _label, n, _link in context["totals"]] == [1, 2, 1]
    client.force_login(administrator)
    context = client.get("/en/sla-dashboard/").context
    assert [n for _label, n, _link in context["totals"]] == [2, 2, 1]


def test_htmx_polling_gets_the_board_alone(client, board, team):
    client.force_login(team.manager)
    response = client.get("/en/sla-dashboard/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert '<div id="sla-board"' in html.split("<table")[0]
    assert "<html" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bucket=breached", ["E"]),
        ("bucket=due_today", ["F", "G"]),  # the earliest deadline first
        ("bucket=due_soon", ["F"]),
        ("bucket=due_today&officer=0", ["F"]),
        ("bucket=due_today&channel=letter", ["G"]),
        ("bucket=breached&language=cy", ["E"]),
        ("bucket=breached&language=none", []),
    ],
)
def test_each_figure_links_to_its_cases(client, board, team, query, expected):
    client.force_login(team.manager)
    response = client.get(f"/en/sla-dashboard/cases/?{query}")
    assert response.status_code == 200
    shown = [row.case.reference for row in response.context["rows"] or []]
    assert shown == [board[name].reference for name in expected]


def test_a_manager_never_sees_another_services_cases(client, board, team):
    client.force_login(team.manager)
    highways = board["H"].service_id
    response = client.get(f"/en/sla-dashboard/cases/?bucket=breached&service={highways}")
    assert response.context["rows"] == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "bucket=nonsense",
        "bucket=breached&standard=abc",
        "bucket=breached&team=-1",
        "bucket=breached&officer=99999999999999999999999",
        "bucket=breached&channel=pigeon",
        "bucket=breached&language=fr",
        "bucket=breached&page=%00",
    ],
)
def test_a_bad_link_gets_a_clear_error_not_a_500(client, board, team, query):
    client.force_login(team.manager)
    response = client.get(f"/en/sla-dashboard/cases/?{query}")
    if query.endswith("%00"):
        assert response.status_code == 200  # a bad page number shows the first page
        return
    assert response.status_code == 400
    assert "This link is not valid: open the figure from the dashboard" in response.content.decode()


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.COUNCILLOR, Role.COMPLAINTS_OFFICER])
def test_other_roles_are_refused(client, board, team, role):
    client.force_login(UserFactory(role=role, team=team))
    assert client.get("/en/sla-dashboard/").status_code == 403
    assert client.get("/en/sla-dashboard/cases/?bucket=breached").status_code == 403


def test_signed_out_visitors_go_to_sign_in(client):
    response = client.get("/en/sla-dashboard/")
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_the_dashboard_reads_a_fixed_number_of_queries(
    client, board, team, django_assert_max_num_queries
):
    client.force_login(team.manager)
    # 16 (two of them the standards' and teams' names in the page's language), and the
    # manager's authenticator, which the second factor checks on every request.
    with django_assert_max_num_queries(17):
        client.get("/en/sla-dashboard/")


def test_the_snapshot_taken_twice_counts_once(board):
    from performance.models import SlaSnapshot

    sla_snapshot_take(now=NOW)
    assert sum(SlaSnapshot.objects.values_list("breached", flat=True)) == 2


def test_the_welsh_dashboard(client, board, team):
    client.force_login(team.manager)
    response = client.get("/cy/sla-dashboard/")
    assert response.status_code == 200
    assert 'lang="cy"' in response.content.decode()


def test_the_welsh_dashboard_names_standards_and_teams_in_welsh_without_codes(client, board, team):
    """E and F came by e-mail (EMAIL_DEPARTMENT), G by letter (LETTER); E and G are the
    advisor's, so their team's."""
    client.force_login(team.manager)
    html = client.get("/cy/sla-dashboard/").content.decode()
    assert _numbers(html, "Yn ôl safon")[1:] == [
        ["Yn anfon e-bost at adran", "1", "1", "1"],
        ["Yn ysgrifennu atom", "0", "1", "0"],
    ]
    assert _numbers(html, "Yn ôl tîm")[1:][0] == [team.name_cy, "1", "1", "0"]
    assert _numbers(html, "Yn ôl gwasanaeth")[1:] == [["Gwastraff ac ailgylchu", "1", "2", "1"]]
    for english_or_code in ("EMAIL_DEPARTMENT", "LETTER", "E-mails a department", team.name_en):
        assert english_or_code not in html
    standard = board["E"].standard_id
    drill = client.get(f"/cy/sla-dashboard/cases/?bucket=breached&standard={standard}")
    assert "Yn anfon e-bost at adran" in drill.content.decode()
    assert "EMAIL_DEPARTMENT" not in drill.content.decode()
