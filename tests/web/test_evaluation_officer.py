"""The per-officer results for appraisals: the officer and their managers only, figures from
the hand-counted month (the advisor owns cases A and B of ``evaluation_fixture``)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from accounts.models import Role
from performance.dashboards.officer import officer_results
from tests.factories import TeamFactory, UserFactory
from tests.performance.evaluation_fixture import NOW, build_month

pytestmark = pytest.mark.django_db

MARCH = "first=2026-03-01&last=2026-03-31"


@pytest.fixture
def month(service, advisor, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return build_month(service=service, advisor=advisor)


def test_the_officers_figures(month, advisor):
    """A and B: acknowledgements met 2, A's response met, B's late: 3 of 4 = 75.0 %; both
    resolved, B reopened: 1 of 2 right first time."""
    from datetime import date

    results = officer_results(
        officer=advisor, viewer=advisor, first=date(2026, 3, 1), last=date(2026, 3, 31), now=NOW
    )
    assert (results.met, results.met_late, results.breached, results.met_rate) == (
        3,
        1,
        0,
        Decimal("75.0"),
    )
    assert (results.resolved, results.right_first_time, results.right_first_time_rate) == (
        2,
        1,
        Decimal("50.0"),
    )
    assert (results.checks, results.monitoring_rate, results.compliments) == (0, None, 0)


def test_compliments_come_from_the_complaints_app(month, advisor, monkeypatch):
    from datetime import date

    import performance.dashboards.officer as officer_module

    seen = {}

    def counts(*, officer_ids, since, until):
        seen.update(officer_ids=list(officer_ids), since=since, until=until)
        return {advisor.pk: 4}

    monkeypatch.setattr(officer_module, "compliment_counts_by_officer", counts)
    results = officer_results(
        officer=advisor, viewer=advisor, first=date(2026, 3, 1), last=date(2026, 3, 31), now=NOW
    )
    assert results.compliments == 4
    assert seen == {
        "officer_ids": [advisor.pk],
        "since": datetime(2026, 3, 1, tzinfo=UTC),
        # midnight at the end of 31 March in London, already summer time (BST)
        "until": datetime(2026, 3, 31, 23, 0, tzinfo=UTC),
    }


def test_the_officer_sees_their_own_results(client, month, advisor):
    client.force_login(advisor)
    response = client.get(f"/en/my-results/?{MARCH}")
    assert response.status_code == 200
    assert (
        "75.0% (3 met on time, 1 late, 0 still open after the deadline)"
        in response.content.decode()
    )


def test_their_manager_sees_them(client, month, advisor, team):
    client.force_login(team.manager)
    response = client.get(f"/en/officers/{advisor.pk}/results/?{MARCH}")
    assert response.status_code == 200
    assert response.context["results"].met == 3
    assert advisor in client.get("/en/my-results/").context["team_members"]


def test_a_complaint_the_manager_may_not_read_is_not_in_the_figures_they_see(
    client, month, advisor, team
):
    """The complaints officer's results count a complaint that names the manager; the manager
    looking at them must not learn of it, even as a count (docs/adr/0018)."""
    from datetime import date

    from complaints.models import ComplaintCategory
    from complaints.services import complaint_record
    from tests.factories import make_case

    officer = UserFactory(role=Role.COMPLAINTS_OFFICER, team=team)
    complaint = make_case(
        service=team.service,
        kind="complaint",
        owner=officer,
        received_at=datetime(2026, 3, 9, 10, tzinfo=UTC),
    )
    complaint_record(
        case=complaint,
        category=ComplaintCategory.objects.get(code="waste"),
        events_on=date(2026, 3, 1),
        actor=officer,
        officers=[team.manager],
    )
    march = {"first": date(2026, 3, 1), "last": date(2026, 3, 31), "now": NOW}

    as_officer = officer_results(officer=officer, viewer=officer, **march)
    as_manager = officer_results(officer=officer, viewer=team.manager, **march)

    assert as_officer.met + as_officer.met_late + as_officer.breached > 0
    assert (as_manager.met, as_manager.met_late, as_manager.breached) == (0, 0, 0)
    client.force_login(team.manager)
    assert client.get(f"/en/officers/{officer.pk}/results/?{MARCH}").context["results"] == (
        as_manager
    )


@pytest.mark.parametrize("who", ["colleague", "other_manager", "administrator", "councillor"])
def test_nobody_else_sees_them(client, month, advisor, team, administrator, who):
    other_team = TeamFactory(service=team.service)
    viewer = {
        "colleague": lambda: UserFactory(role=Role.ADVISOR, team=team),
        "other_manager": lambda: UserFactory(role=Role.MANAGER, team=other_team),
        "administrator": lambda: administrator,
        "councillor": lambda: UserFactory(role=Role.COUNCILLOR, team=None),
    }[who]()
    client.force_login(viewer)
    assert client.get(f"/en/officers/{advisor.pk}/results/").status_code == 403


def test_an_unknown_officer_is_not_found(client, month, team):
    client.force_login(team.manager)
    assert client.get("/en/officers/999999/results/").status_code == 404
    assert client.get("/en/officers/9999999999999999999999/results/").status_code == 404


def test_a_bad_period_is_refused(client, month, advisor):
    client.force_login(advisor)
    response = client.get("/en/my-results/?first=2026-03-31&last=2026-03-01")
    assert response.status_code == 400
    assert "The last day must be the same as or after the first" in response.content.decode()
