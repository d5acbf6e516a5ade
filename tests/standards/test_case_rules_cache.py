"""New cases read the standards and calendar from the shared cache; every change through the
services or the admin reaches the next case once its transaction commits."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from contacts.models import Milestone
from contacts.services.closures import closure_day_add
from standards.models import BusinessHours
from tests.factories import make_case

pytestmark = pytest.mark.django_db

LETTER = {"postal_address": "1 Stryd y Castell, Dinbych"}
RECEIVED = datetime(2026, 12, 14, 10, 0, tzinfo=UTC)


def reply_due(case) -> datetime:
    return Milestone.objects.get(case=case, kind="respond").due_at


def test_a_new_closure_day_counts_for_the_next_case(service, django_capture_on_commit_callbacks):
    before = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)

    with django_capture_on_commit_callbacks(execute=True):
        closure_day_add(day=date(2026, 12, 24), reason_cy="Cau", reason_en="Closed", now=RECEIVED)
    after = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)

    assert reply_due(before) == reply_due(after) == datetime(2026, 12, 31, 17, tzinfo=UTC)


def test_changed_business_hours_count_for_the_next_case(
    client, administrator, service, django_capture_on_commit_callbacks
):
    make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)
    client.force_login(administrator)
    hours = BusinessHours.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:standards_businesshours_change", args=[hours.pk]),
            {"opens": "09:00", "closes": "16:30"},
        )
    case = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)

    assert response.status_code == 302
    assert reply_due(case) == datetime(2026, 12, 30, 16, 30, tzinfo=UTC)


def test_without_a_commit_the_cached_rules_stand(service):
    """The cache is cleared only after commit, so a rolled-back change never leaks."""
    make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)
    BusinessHours.objects.update(closes="16:00")

    case = make_case(service=service, channel="letter", details=LETTER, received_at=RECEIVED)

    assert reply_due(case) == datetime(2026, 12, 30, 17, tzinfo=UTC)
