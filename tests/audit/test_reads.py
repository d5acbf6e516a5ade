"""audit.reads: the one writer of the audit of reads writes one INSERT however many records
were shown, with no query before it, and keeps a case's customer with it."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from audit import reads
from audit.models import Read, ReadPath
from tests.factories import CustomerFactory, make_case

pytestmark = pytest.mark.django_db

AT = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)


def rows() -> list[tuple]:
    return list(
        Read.objects.order_by("id").values_list("user_id", "path", "case_id", "customer_id", "at")
    )


def test_one_case_is_one_row_with_its_customer_in_one_insert(
    service, advisor, django_assert_num_queries
):
    customer = CustomerFactory()
    case = make_case(service=service, customer=customer)

    with django_assert_num_queries(1) as captured:
        written = reads.record(advisor, ReadPath.CASE_PAGE, cases=[case], at=AT)

    assert written == 1
    assert captured.captured_queries[0]["sql"].lstrip().startswith("INSERT INTO audit_read")
    assert rows() == [(advisor.pk, ReadPath.CASE_PAGE, case.pk, customer.pk, AT)]


def test_a_list_of_many_cases_is_still_one_insert(service, advisor, django_assert_num_queries):
    cases = [make_case(service=service) for _ in range(30)]

    with django_assert_num_queries(1):
        written = reads.record(advisor, ReadPath.EXPORT, cases=cases, at=AT)

    assert written == 30
    assert [row[2] for row in rows()] == [case.pk for case in cases]
    assert {row[3] for row in rows()} == {None}


def test_ids_alone_and_customer_records_alone(advisor, django_assert_num_queries):
    with django_assert_num_queries(1):
        written = reads.record(
            advisor, ReadPath.CUSTOMER_PAGE, case_ids=[41, 42], customer_ids=[7], at=AT
        )

    assert written == 3
    assert [(r[2], r[3]) for r in rows()] == [(41, None), (42, None), (None, 7)]


def test_nothing_shown_writes_nothing(advisor, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert reads.record(advisor, ReadPath.SEARCH, cases=[]) == 0


def test_a_request_names_its_signed_in_user(advisor):
    request = RequestFactory().get("/")
    request.user = advisor

    reads.record(request, ReadPath.API, case_ids=[5])

    assert Read.objects.get().user_id == advisor.pk


def test_a_request_without_a_signed_in_user_is_refused(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    with pytest.raises(PermissionDenied):
        reads.record(request, ReadPath.API, case_ids=[5])
    assert not Read.objects.exists()


def test_a_row_names_a_case_or_a_customer(advisor):
    with pytest.raises(IntegrityError), transaction.atomic():
        Read.objects.create(user=advisor, path=ReadPath.API, at=AT)


def test_an_audit_export_records_each_record_it_names_once_in_one_statement(
    advisor, administrator, django_assert_num_queries
):
    reads.record(advisor, ReadPath.CASE_PAGE, case_ids=[1, 2], at=AT)
    reads.record(advisor, ReadPath.CASE_PAGE, case_ids=[1], customer_ids=[9], at=AT)

    with CaptureQueriesContext(connection) as captured:
        reads.record_found(
            administrator,
            ReadPath.AUDIT_EXPORT,
            found=Read.objects.filter(user=advisor),
        )

    assert len(captured.captured_queries) == 1
    exported = Read.objects.filter(user=administrator)
    assert set(exported.values_list("case_id", "customer_id", "path")) == {
        (1, None, ReadPath.AUDIT_EXPORT),
        (2, None, ReadPath.AUDIT_EXPORT),
        (None, 9, ReadPath.AUDIT_EXPORT),
    }
    assert exported.count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_read_on_its_own_is_committed_without_waiting_for_the_disk(advisor):
    """Outside a transaction the INSERT is its own transaction, committed asynchronously; the
    connection's later writes wait for the disk as before."""
    with CaptureQueriesContext(connection) as captured:
        reads.record(advisor, ReadPath.CASE_PAGE, case_ids=[5], at=AT)

    assert "set_config('synchronous_commit', 'off', true)" in captured.captured_queries[0]["sql"]
    assert rows() == [(advisor.pk, ReadPath.CASE_PAGE, 5, None, AT)]
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("on",)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_inside_a_transaction_the_read_shares_its_commit(advisor):
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        reads.record(advisor, ReadPath.CASE_PAGE, case_ids=[5], at=AT)
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone() == ("on",)

    assert "synchronous_commit" not in captured.captured_queries[0]["sql"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_council_may_have_every_read_wait_for_the_disk(advisor, settings):
    settings.CYSWLLT = {**settings.CYSWLLT, "AUDIT_COMMIT_WITHOUT_WAITING": False}

    with CaptureQueriesContext(connection) as captured:
        reads.record(advisor, ReadPath.CASE_PAGE, case_ids=[5], at=AT)

    assert "synchronous_commit" not in captured.captured_queries[0]["sql"]
    assert Read.objects.count() == 1
