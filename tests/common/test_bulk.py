"""rows_update: many rows' new values in one statement, as bulk_update would save them."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from common.bulk import rows_update
from contacts.models import Case, Milestone
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_each_row_gets_its_own_values_and_no_other_row_changes(service, django_assert_num_queries):
    cases = [make_case(service=service) for _ in range(3)]
    milestones = list(Milestone.objects.filter(case__in=cases[:2]).order_by("pk"))
    untouched = {m.pk: (m.state, m.met_at) for m in Milestone.objects.filter(case=cases[2])}
    for n, milestone in enumerate(milestones):
        milestone.state = "met" if n % 2 else "met_late"
        milestone.met_at = milestone.state_changed_at = datetime(2026, 3, 2, 9, n, tzinfo=UTC)

    queries = 1 if connection.vendor == "postgresql" else None
    if queries:
        with django_assert_num_queries(queries):
            rows_update(milestones, ["state", "met_at", "state_changed_at"])
    else:
        rows_update(milestones, ["state", "met_at", "state_changed_at"])

    saved = {m.pk: m for m in Milestone.objects.filter(case__in=cases[:2])}
    for n, milestone in enumerate(milestones):
        assert saved[milestone.pk].state == ("met" if n % 2 else "met_late")
        assert saved[milestone.pk].met_at == datetime(2026, 3, 2, 9, n, tzinfo=UTC)
        assert saved[milestone.pk].state_changed_at == datetime(2026, 3, 2, 9, n, tzinfo=UTC)
    assert {m.pk: (m.state, m.met_at) for m in Milestone.objects.filter(case=cases[2])} == untouched


def test_nothing_to_update_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        rows_update([], ["status"])


def test_text_and_times_of_cases(service):
    case = make_case(service=service)
    case.status, case.modified_at = "in_progress", datetime(2026, 3, 2, 10, tzinfo=UTC)
    rows_update([case], ["status", "modified_at"])
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.modified_at) == ("in_progress", datetime(2026, 3, 2, 10, tzinfo=UTC))
