"""rows_update: many rows' new values in one statement, as bulk_update would save them."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.models import Field
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


def test_values_sent_as_they_are_are_those_django_would_prepare_to_themselves(service, monkeypatch):
    """The chain's values skip Django's preparation only where it gives them back unchanged:
    every column of every row a new case writes, compared with ``get_db_prep_save``."""
    from django.utils import timezone

    from common import bulk
    from messaging.models import OutboundMessage

    case = make_case(service=service, customer=Customer(name="Ann", email="ann@example.com"))
    frozen = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: frozen)  # auto_now_add fields: one clock
    for model, rows in [
        (Case, [case]),
        (Customer, [case.customer]),
        (Milestone, list(Milestone.objects.filter(case=case))),
        (CaseEvent, list(CaseEvent.objects.filter(case=case))),
        (OutboundMessage, list(OutboundMessage.objects.filter(case=case))),
    ]:
        assert rows, model
        columns = [f for f in model._meta.concrete_fields if not f.primary_key]
        prepared = [
            f.get_db_prep_save(f.pre_save(row, True), connection) for row in rows for f in columns
        ]
        sent = bulk._row_values(NewRows("rows", rows))
        assert [repr(v) for v in sent] == [repr(v) for v in prepared], model

    prepared_by_django: list[str] = []
    prepare = Field.get_db_prep_save

    def noted(self, value, connection):
        prepared_by_django.append(self.name)
        return prepare(self, value, connection)

    monkeypatch.setattr(Field, "get_db_prep_save", noted)
    bulk._row_values(NewRows("case", [case]))
    assert {"summary", "reference", "received_at", "confidential"}.isdisjoint(prepared_by_django)
    assert "channel_details" in prepared_by_django  # JSON


def test_a_field_of_its_own_or_a_value_of_another_type_is_prepared_by_django():
    from django.db import models

    from common import bulk
    from common.encrypted_fields import EncryptedSecretField

    assert bulk._passes(EncryptedSecretField()) == ()
    assert bulk._passes(models.IntegerField()) == (type(None),)  # Int4(n) for psycopg
    assert bulk._passes(models.JSONField()) == ()
    naive = datetime(2026, 3, 2, 9, 0)
    assert type(naive) in bulk._passes(models.DateTimeField())  # and then its zone is asked


def test_a_value_the_statement_works_out_is_worked_out_once_for_every_column_given_it(service):
    """A ``Computed`` value (here a sequence's next number, and a text made from it) is taken
    once, whichever rows read it, and each row has it back once inserted."""
    from common.bulk import Computed, text_joined

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL works the value out")
    with connection.cursor() as cursor:
        cursor.execute("CREATE SEQUENCE IF NOT EXISTS test_bulk_worked_out")
    number = Computed("'N-' || nextval('test_bulk_worked_out')")
    first = Customer(name=text_joined("Ann ", number, "!"), email="a@example.com")
    second = Customer(name="Bob", email=number)

    rows_insert_linked([NewRows("customers", [first, second])])

    assert first.name == f"Ann {second.email}!"
    assert second.email.startswith("N-")
    saved = Customer.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")
    assert [(c.name, c.email) for c in saved] == [(first.name, first.email), ("Bob", second.email)]
    assert text_joined("case:", "CYS-2026-000001", ":acknowledgement") == (
        "case:CYS-2026-000001:acknowledgement"
    )
