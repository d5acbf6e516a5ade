"""A voicemail left for an officer who is away is due after their return, unless a colleague
covers (SPEC §10): the pure rule is tested in tests/standards/domain/test_voicemail.py; this
checks that case_create applies it from the absences recorded."""

from datetime import UTC, date, datetime

import pytest

from accounts.models import Absence
from contacts.models import Milestone
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime(2026, 3, 4, 10, tzinfo=UTC)
VOICEMAIL = {"contact_type": "voicemail", "caller_number": "07700 900123"}


def acknowledge_due(**kwargs):
    case = make_case(channel="phone", details=VOICEMAIL, received_at=WEDNESDAY, **kwargs)
    milestone = Milestone.objects.get(case=case, kind="acknowledge")
    return milestone.due_at, milestone.due_soon_at


def test_an_officer_at_work_has_the_following_working_day(service, advisor):
    assert acknowledge_due(service=service, owner=advisor) == (
        datetime(2026, 3, 5, 17, tzinfo=UTC),
        datetime(2026, 3, 4, 17, tzinfo=UTC),
    )


def test_an_officer_away_all_week_has_the_day_after_their_return(service, advisor):
    Absence.objects.create(user=advisor, starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 6))

    # Back Monday 9 March; due at the end of Tuesday 10 March, due soon from Monday's close.
    assert acknowledge_due(service=service, owner=advisor) == (
        datetime(2026, 3, 10, 17, tzinfo=UTC),
        datetime(2026, 3, 9, 17, tzinfo=UTC),
    )


def test_with_a_colleague_covering_the_normal_deadline_holds(service, advisor, team):
    cover = UserFactory(team=team, username="cover")
    Absence.objects.create(
        user=advisor, starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 6), cover=cover
    )

    assert acknowledge_due(service=service, owner=advisor)[0] == datetime(
        2026, 3, 5, 17, tzinfo=UTC
    )


def test_an_absence_already_over_changes_nothing(service, advisor):
    Absence.objects.create(user=advisor, starts_on=date(2026, 2, 23), ends_on=date(2026, 2, 27))

    assert acknowledge_due(service=service, owner=advisor)[0] == datetime(
        2026, 3, 5, 17, tzinfo=UTC
    )


def test_a_voicemail_for_nobody_in_particular_has_the_normal_deadline(service):
    assert acknowledge_due(service=service)[0] == datetime(2026, 3, 5, 17, tzinfo=UTC)
