"""rows_update: many rows' new values in one statement, as bulk_update would save them."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.bulk import NewRows, rows_insert_linked, rows_update
from contacts.models import Case, CaseEvent, Customer, Milestone
from standards.models import Standard
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


# --- rows_insert_linked -------------------------------------------------------------------


def _new_case_rows(service, *, with_customer: bool = True):
    standard = Standard.objects.get(code="EMAIL_DEPARTMENT")
    received = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    customer = Customer(name="Siân Jones", email="sian@example.com") if with_customer else None
    case = Case(
        reference="CYS-2026-900001",
        channel="email",
        contact_type="department",
        kind="enquiry",
        standard=standard,
        service=service,
        received_at=received,
        summary="Missed bin",
        channel_details={"from_address": "sian@example.com"},
    )
    milestones = [
        Milestone(target=target, kind=target.milestone, rule=target.rule, starts_at=received)
        for target in standard.targets.all()
    ]
    event = CaseEvent(kind="created", created_at=received, payload={"status": "new"})
    steps = [
        NewRows("new_customer", [customer] if customer else []),
        NewRows("new_case", [case], links={"customer": "new_customer"} if customer else {}),
        NewRows("new_milestones", milestones, links={"case": "new_case"}),
        NewRows("new_event", [event], links={"case": "new_case"}),
    ]
    return customer, case, milestones, event, steps


def test_linked_rows_go_in_one_statement_with_their_keys_and_links(service):
    customer, case, milestones, event, steps = _new_case_rows(service)

    with CaptureQueriesContext(connection) as queries:
        rows_insert_linked(steps)

    assert len(queries.captured_queries) == 1
    assert case.pk and case.customer_id == customer.pk and not case._state.adding
    assert [m.case_id for m in milestones] == [case.pk, case.pk]
    assert event.case_id == case.pk
    stored = Case.objects.select_related("customer").get(pk=case.pk)
    assert (stored.reference, stored.customer.name, stored.channel_details) == (
        "CYS-2026-900001",
        "Siân Jones",
        {"from_address": "sian@example.com"},
    )
    assert stored.created_at is not None  # auto_now_add applied as save() would
    assert sorted(Milestone.objects.filter(case=case).values_list("pk", "kind")) == sorted(
        (m.pk, m.kind) for m in milestones
    )
    assert CaseEvent.objects.get(pk=event.pk).payload == {"status": "new"}


def test_a_step_without_rows_is_left_out(service):
    _, case, _, _, steps = _new_case_rows(service, with_customer=False)
    rows_insert_linked(steps)
    assert case.pk and case.customer_id is None


def test_a_link_to_more_than_one_row_is_refused(service):
    _, _, _, _, steps = _new_case_rows(service)
    steps.append(
        NewRows(
            "second_event",
            [CaseEvent(kind="created", created_at=datetime(2026, 3, 2, tzinfo=UTC))],
            links={"milestone": "new_milestones"},
        )
    )
    with pytest.raises(ValueError, match="not one row"):
        rows_insert_linked(steps)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg's own memo")
def test_psycopg_splits_a_new_case_s_statement_once_not_on_every_case(service, monkeypatch):
    """The statement has more parameters than psycopg memoises by default (50): without
    common.apps raising the limits, it was split with regular expressions for every case."""
    from psycopg import _queries

    rows_insert_linked(_new_case_rows(service)[-1])
    split_again = []
    # What psycopg calls past its limits, for values sent in the text or apart from it.
    for name in ("_query2pg_client_nocache", "_query2pg_nocache"):
        unmemoised = getattr(_queries, name)
        monkeypatch.setattr(
            _queries,
            name,
            lambda query, encoding, unmemoised=unmemoised: (
                split_again.append(query) or unmemoised(query, encoding)
            ),
        )
    second = _new_case_rows(service)[-1]
    second[1].rows[0].reference = "CYS-2026-900002"

    rows_insert_linked(second)

    assert split_again == []


def _chain_runs() -> list[int]:
    """How many times each statement prepared on this connection that writes a customer first
    (the chain) has run."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE 'WITH new_customer AS (INSERT INTO %%'"
        )
        return [runs for (runs,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_a_new_case_s_statement_is_prepared_once_a_connection_and_run_again(service):
    """Parsing and planning the ~100-parameter statement on every case was half of
    PostgreSQL's CPU for it (docs/adr/0037)."""
    rows_insert_linked(_new_case_rows(service)[-1])
    before = _chain_runs()
    second = _new_case_rows(service)[-1]
    second[1].rows[0].reference = "CYS-2026-900002"

    rows_insert_linked(second)

    assert len(before) == 1
    assert _chain_runs() == [before[0] + 1]
    assert Case.objects.get(pk=second[1].rows[0].pk).reference == "CYS-2026-900002"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_behind_a_pooler_the_statement_is_not_prepared(service, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    before = _chain_runs()

    rows_insert_linked(_new_case_rows(service)[-1])

    assert _chain_runs() == before
