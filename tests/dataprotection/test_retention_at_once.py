"""The retention job run twice at once (several workers, or beat firing while a long run still
goes): the runs take different cases, every due case is anonymised once, and a customer whose
cases two runs anonymise side by side is still removed (docs/adr/0030)."""

import threading
import time
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from contacts.models import Case, Customer
from dataprotection.services.anonymisation import personal_data_anonymise
from dataprotection.services.retention import retention_apply
from tests.factories import CustomerFactory, make_case

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NOW = datetime(2032, 6, 1, 3, 0, tzinfo=UTC)
CLOSED = datetime(2020, 1, 1, 12, 0, tzinfo=UTC)


def closed_cases_of(customer: Customer, service, count: int) -> list[int]:
    ids = [make_case(service=service, customer=customer).pk for _ in range(count)]
    Case.objects.filter(pk__in=ids).update(status="closed", closed_at=CLOSED)
    return ids


def in_threads(*works) -> list[BaseException]:
    """Run each work in its own thread with its own connection; the errors they raised."""
    errors: list[BaseException] = []

    def run(work) -> None:
        try:
            work()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_a_customer_whose_cases_two_batches_anonymise_side_by_side_is_removed(service):
    """The first batch anonymises one of the customer's cases and, seeing the other case still
    named, keeps the customer; the second batch anonymises the other case while the first has
    not committed. The second must wait for the first and then find no case left: before,
    each saw the other's case still named and the customer stayed for ever, with no case."""
    customer = CustomerFactory(name="Both Batches")
    first_case, second_case = closed_cases_of(customer, service, 2)
    first_checked = threading.Event()

    def first() -> None:
        with transaction.atomic():
            personal_data_anonymise(case_ids=[first_case], now=NOW)
            first_checked.set()
            time.sleep(0.5)  # the second batch runs now, against this uncommitted one

    def second() -> None:
        assert first_checked.wait(10)
        with transaction.atomic():
            personal_data_anonymise(case_ids=[second_case], now=NOW)

    assert in_threads(first, second) == []

    assert Case.objects.filter(pk__in=[first_case, second_case], customer=None).count() == 2
    assert not Customer.objects.filter(pk=customer.pk).exists()


def test_two_runs_at_once_share_the_work_and_do_each_case_once(service):
    customers = [CustomerFactory(name=f"Customer {number}") for number in range(12)]
    due = [case for customer in customers for case in closed_cases_of(customer, service, 3)]
    open_case = make_case(service=service, customer=customers[0]).pk
    start = threading.Barrier(2, timeout=10)
    runs = []

    def run() -> None:
        start.wait()
        runs.append(retention_apply(now=NOW, batch_size=2))

    assert in_threads(run, run) == []

    assert sum(run.cases_anonymised for run in runs) == len(due)
    assert Case.objects.filter(pk__in=due, anonymised_at=NOW).count() == len(due)
    assert Case.objects.get(pk=open_case).anonymised_at is None
    # customers[0] keeps its open case; the other eleven had nothing else left.
    assert sum(run.customers_removed for run in runs) == 11
    assert list(Customer.objects.filter(pk__in=[c.pk for c in customers])) == [customers[0]]

    again = retention_apply(now=NOW)
    assert (again.cases_anonymised, again.customers_removed) == (0, 0)
