"""The complaint page says who has looked at it: one line a person, latest first."""

from datetime import UTC, datetime

import pytest

from complaints.models import ComplaintView, ViewedVia
from complaints.selectors import complaint_recent_views
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 3, hour, minute, tzinfo=UTC)


def test_repeat_views_are_one_line_with_how_many(complaint_case, complaints_officer, team):
    manager = UserFactory(team=team, first_name="Mari", last_name="Jones", username="mari")
    views = [(complaints_officer, at(9)), (complaints_officer, at(9, 1)), (manager, at(10))]
    views += [(complaints_officer, at(11))]
    ComplaintView.objects.bulk_create(
        ComplaintView(case=complaint_case, user=user, viewed_at=when, via=ViewedVia.PAGE)
        for user, when in views
    )

    summary = complaint_recent_views(case=complaint_case)

    officer_name = complaints_officer.get_full_name() or complaints_officer.username
    assert [(s.name, s.last_viewed_at, s.views) for s in summary] == [
        (officer_name, at(11), 3),
        ("Mari Jones", at(10), 1),
    ]
