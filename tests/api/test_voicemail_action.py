"""POST /api/v1/cases/<reference>/acknowledge-voicemail/: a voicemail acknowledged with when the
caller will be called back (SPEC §10); a time that cannot be promised is a translated 400 that
changes nothing."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from contacts.models import Milestone
from standards.domain.calendar import WorkingCalendar
from tests.factories import make_case

from .conftest import case_url, counts

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def working_day_ahead(days: int) -> date:
    """A working day at least ``days`` ahead, whatever today is."""
    day = timezone.localdate() + timedelta(days=days)
    while not WorkingCalendar().is_working_day(day):
        day += timedelta(days=1)
    return day


def saturday_ahead() -> date:
    day = timezone.localdate() + timedelta(days=7)
    return day + timedelta(days=(5 - day.weekday()) % 7)


@pytest.fixture
def voicemail(service, advisor):
    return make_case(
        service=service,
        channel="phone",
        details={"contact_type": "voicemail", "caller_number": "07700 900123"},
        received_at=timezone.now() - timedelta(hours=1),
        owner=advisor,
    )


def test_the_callback_time_given_becomes_the_callback_deadline(api, voicemail):
    at = datetime.combine(working_day_ahead(7), time(14, 30), tzinfo=LONDON)

    response = api.post(
        case_url(voicemail.reference, "acknowledge-voicemail"),
        {"callback_at": at.isoformat()},
        format="json",
    )

    assert response.status_code == 200, response.data
    states = {m["kind"]: m["state"] for m in response.data["milestones"]}
    assert states == {"acknowledge": "met", "callback": "pending"}
    assert Milestone.objects.get(case=voicemail, kind="callback").due_at == at


def test_without_a_time_the_callback_is_by_the_next_working_day(api, voicemail):
    response = api.post(case_url(voicemail.reference, "acknowledge-voicemail"), {}, format="json")

    assert response.status_code == 200, response.data
    due = Milestone.objects.get(case=voicemail, kind="callback").due_at
    following = WorkingCalendar().next_working_day(timezone.localdate())
    assert timezone.localtime(due) == datetime.combine(following, time(17), tzinfo=LONDON)


def test_a_saturday_is_refused_in_welsh_and_nothing_changes(api_cy, voicemail):
    at = datetime.combine(saturday_ahead(), time(11), tzinfo=LONDON)
    before = counts()

    response = api_cy.post(
        case_url(voicemail.reference, "acknowledge-voicemail"),
        {"callback_at": at.isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert response.data["callback_at"][0].endswith(
        "yn ddiwrnod gwaith. Dewiswch ddiwrnod gwaith ar gyfer yr alwad yn ôl."
    )
    assert counts() == before


def test_a_case_that_is_not_a_voicemail_is_refused(api, service):
    case = make_case(service=service, received_at=timezone.now() - timedelta(hours=1))
    before = counts()

    response = api.post(case_url(case.reference, "acknowledge-voicemail"), {}, format="json")

    assert response.status_code == 400
    assert response.data == {"case": ["Only a voicemail is acknowledged with a callback time."]}
    assert counts() == before
