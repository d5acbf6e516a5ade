"""Random monitoring shows each manager only the sampled cases they may open: a complaint
about the manager, drawn into their service's sample, is neither listed, counted among the
cases sampled or scored, opened nor scored by them; the administrator and the service's other
managers see and score it (SPEC §6 and §9)."""

from datetime import UTC, date, datetime

import pytest

from accounts.models import Role
from contacts.models import Case
from performance.models import MonitoringCheck, MonitoringScore
from performance.monitoring.services import monitoring_sample_draw
from tests.confidential import COMPLAINANT, SUMMARY, complaint_cast, complaint_naming
from tests.factories import TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
RESOLVED = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def cast(team):
    return complaint_cast(team)


@pytest.fixture
def sample(service, team, advisor, cast):
    """March's sample of the waste service: an enquiry and a complaint about the manager."""
    enquiry = make_case(
        service=service, received_at=datetime(2026, 3, 2, 9, tzinfo=UTC), owner=advisor
    )
    complaint = complaint_naming(
        cast.manager,
        cast.officer,
        team=team,
        owner=cast.handler,
        recorded_by=cast.handler,
        received_at=datetime(2026, 3, 3, 9, tzinfo=UTC),
    )
    Case.objects.filter(pk__in=[enquiry.pk, complaint.pk]).update(
        status="closed", resolved_at=RESOLVED
    )
    drawn, _ = monitoring_sample_draw(
        service=service, month=date(2026, 3, 1), size=5, actor=None, now=NOW, seed=3
    )
    return drawn, enquiry, complaint


def test_a_manager_named_in_a_sampled_complaint_sees_nothing_of_it(client, sample, cast):
    drawn, enquiry, complaint = sample
    check = MonitoringCheck.objects.get(sample=drawn, case=complaint)
    client.force_login(cast.manager)

    for language in ("en", "cy"):
        page = client.get(f"/{language}/monitoring/{drawn.pk}/")
        assert enquiry.reference in page.text
        assert complaint.reference not in page.text
        assert cast.handler.get_full_name() not in page.text
        # How many were drawn is how many they may open: no gap tells of the complaint.
        assert len(page.context["checks"]) == 1
        assert 'Cases sampled</dt><dd class="govuk-summary-list__value">1<' in page.text.replace(
            "Achosion a samplwyd", "Cases sampled"
        )
    listed = client.get("/en/monitoring/").context["samples"]
    assert [(s.pk, s.sampled, s.checked) for s in listed] == [(drawn.pk, 1, 0)]
    for language in ("en", "cy"):
        opened = client.get(f"/{language}/monitoring/checks/{check.pk}/")
        assert opened.status_code == 404
        assert COMPLAINANT not in opened.text and SUMMARY not in opened.text
    assert client.post(f"/en/monitoring/checks/{check.pk}/", {}).status_code == 404
    assert not MonitoringScore.objects.exists()


def test_the_administrator_and_the_service_s_other_managers_see_and_open_it(
    client, sample, team, administrator
):
    drawn, enquiry, complaint = sample
    check = MonitoringCheck.objects.get(sample=drawn, case=complaint)
    other_manager = UserFactory(
        role=Role.MANAGER, team=TeamFactory(service=team.service), username="other-manager"
    )
    for person in (administrator, other_manager):
        client.force_login(person)

        page = client.get(f"/en/monitoring/{drawn.pk}/").text
        assert enquiry.reference in page and complaint.reference in page, person.username
        listed = client.get("/en/monitoring/").context["samples"]
        assert [(s.pk, s.sampled) for s in listed] == [(drawn.pk, 2)], person.username
        opened = client.get(f"/en/monitoring/checks/{check.pk}/")
        assert opened.status_code == 200 and SUMMARY in opened.text, person.username
