"""The SLA dashboard counts and lists only the cases the user may open: a complaint naming the
manager is in neither their figures nor their drill-down (its existence, its complainant and
its summary are all theirs to not know), while the administrator and the service's other
managers see it counted and listed (SPEC §6 and §9).

Monday 2 March 2026, 15:00 GMT, the waste service: P, an enquiry owned by the advisor, and C,
a complaint about the team's manager and an advisor, owned by the complaints officer; each
with its acknowledgement (P) or contact (C) deadline breached yesterday.
"""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import Role
from contacts.models import Milestone
from performance.dashboards.live import sla_snapshot_take
from tests.confidential import COMPLAINANT, SUMMARY, complaint_cast, complaint_naming
from tests.factories import TeamFactory, UserFactory, make_case

from .test_dashboard_pages import _numbers

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
YESTERDAY = NOW - timedelta(days=1)


@pytest.fixture
def cast(team):
    return complaint_cast(team)


@pytest.fixture
def board(service, team, advisor, cast, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    plain = make_case(service=service, received_at=NOW - timedelta(days=3), owner=advisor)
    Milestone.objects.filter(case=plain, kind="acknowledge").update(
        state="breached", due_at=YESTERDAY
    )
    Milestone.objects.filter(case=plain, kind="respond").update(due_at=NOW + timedelta(days=9))
    complaint = complaint_naming(
        cast.manager,
        cast.officer,
        team=team,
        owner=cast.handler,
        recorded_by=cast.handler,
        received_at=NOW - timedelta(days=3),
    )
    Milestone.objects.filter(case=complaint).update(
        state="pending", due_at=NOW + timedelta(days=20)
    )
    Milestone.objects.filter(case=complaint, kind="contact").update(
        state="breached", due_at=YESTERDAY
    )
    sla_snapshot_take(now=NOW)
    return {"P": plain, "C": complaint}


def totals(client) -> list[int]:
    return [n for _label, n, _link in client.get("/en/sla-dashboard/").context["totals"]]


def listed(client, query: str = "bucket=breached") -> list[str]:
    response = client.get(f"/en/sla-dashboard/cases/?{query}")
    assert response.status_code == 200
    return [row.case.reference for row in response.context["rows"] or []]


def test_a_manager_named_in_a_complaint_neither_counts_nor_lists_it(client, board, cast):
    client.force_login(cast.manager)

    for language in ("en", "cy"):
        page = client.get(f"/{language}/sla-dashboard/").text
        assert board["C"].standard.code not in page
        assert cast.handler.get_full_name() not in page
    assert totals(client) == [1, 0, 0]
    assert listed(client) == [board["P"].reference]
    html = client.get("/en/sla-dashboard/").text
    assert _numbers(html, "By officer")[1:] == [[board["P"].owner.get_full_name(), "1", "0", "0"]]
    for query in ("bucket=breached", f"bucket=breached&officer={cast.handler.pk}"):
        for language in ("en", "cy"):
            page = client.get(f"/{language}/sla-dashboard/cases/?{query}").text
            assert board["C"].reference not in page
            assert COMPLAINANT not in page
            assert SUMMARY not in page


def test_the_administrator_and_the_service_s_other_managers_count_and_list_it(
    client, board, cast, team, administrator
):
    other_team = TeamFactory(service=team.service, code="waste-collections")
    other_manager = UserFactory(role=Role.MANAGER, team=other_team, username="other-manager")
    for person in (administrator, other_manager):
        client.force_login(person)

        assert totals(client) == [2, 0, 0], person.username
        assert listed(client) == [board["P"].reference, board["C"].reference], person.username
        html = client.get("/en/sla-dashboard/").text
        assert [cast.handler.get_full_name(), "1", "0", "0"] in _numbers(html, "By officer")


def test_the_snapshot_keeps_confidential_cases_apart(board):
    from performance.models import SlaSnapshot

    assert sorted(SlaSnapshot.objects.values_list("confidential", "breached")) == [
        (False, 1),
        (True, 1),
    ]
