"""The queues' counts and pages are read from their indexes alone (PostgreSQL's index-only
scans): the visibility policy's columns ride along in the partial indexes, so counting an
advisor's thousands of open cases reads no case from the table (issue 14's 1 M-case bench:
19 ms of heap reads per count before, under 1 ms after)."""

import pytest
from django.db import connection

from contacts.domain import lifecycle
from contacts.models import Case
from contacts.selectors import Queue, queue_counts, service_work

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans"),
]


def _plan(sql: str, params) -> str:
    """The plan with only index-only scans allowed: what the property is, whether the count
    can be read from an index alone. Left a free choice, the planner of a test database (a few
    rows, statistics from whichever test ran before) took any index of about the same cost, and
    did in whole-suite runs; at a million cases the partial indexes win on cost (bench/)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("queue", "index"),
    [(Queue.MINE, "case_owner_open_due"), (Queue.TEAM, "case_team_unowned_due")],
)
def test_a_queue_is_counted_from_its_index_alone(advisor, queue, index):
    cases = service_work(advisor).filter(status__in=lifecycle.OPEN)
    cases = (
        cases.filter(owner=advisor)
        if queue is Queue.MINE
        else cases.filter(team_id=advisor.team_id, owner__isnull=True)
    )
    sql, params = cases.order_by().values("pk").query.sql_with_params()
    plan = _plan(f"SELECT COUNT(*) FROM ({sql}) AS queue", params)
    # Index-only once the table's pages are all visible (after autovacuum); a test's fresh rows
    # are not, so the plan may still visit them: the index is what counts here.
    assert f"Index Only Scan using {index}" in plan, plan


def test_the_navigation_counts_each_queue_from_its_own_index(advisor, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        queue_counts(user=advisor)
    plan = _plan(captured.captured_queries[0]["sql"], None)
    assert "Index Only Scan using case_owner_open_due" in plan, plan
    assert "Index Only Scan using case_team_unowned_due" in plan, plan
    assert "BitmapOr" not in plan


def test_the_indexes_carry_the_columns_the_policy_tests():
    indexes = {index.name: index for index in Case._meta.indexes}
    for name in ("case_owner_open_due", "case_team_unowned_due"):
        assert set(indexes[name].include) == {"confidential", "kind"}
