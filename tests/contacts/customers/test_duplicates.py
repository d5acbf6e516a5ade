"""Possible duplicates: the database finds the same pairs as the pure rule, for one record (one
query, newest first) and among the records added lately (a page in two queries, by the
indexed expressions)."""

from datetime import timedelta
from itertools import combinations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.domain.customer_records import EDITABLE_FIELDS, duplicate_reasons
from contacts.duplicates import DuplicatePairs, _pairs_sql, customer_duplicates
from contacts.models import Customer

pytestmark = pytest.mark.django_db

#: name, e-mail, phone, postcode
PEOPLE = [
    ("Gwenllian Parry", "gwen@example.com", "01234 560101", "LL99 1AB"),  # 0
    ("Gwen Parry", "GWEN@Example.com", "", ""),  # 1: e-mail as 0
    ("G. Parry", "", "(01234) 560-101", ""),  # 2: phone as 0
    ("gwenllian parry ", "", "", "ll991ab"),  # 3: name and postcode as 0
    ("John Davies", "john@example.com", "01234 560102", "LL99 1AD"),  # 4: nobody
    ("John Davies", "", "", "LL99 1AE"),  # 5: same name, another postcode
    ("Ann Jones", "", "12345", ""),  # 6: too few digits
    ("Ann Jones", "", "1-2-3-4-5", ""),  # 7
    ("Shared Mailbox 1", "office@example.org", "", ""),  # 8..: a mailbox shared by 11
]


@pytest.fixture
def people(db) -> list[Customer]:
    made = [
        Customer.objects.create(name=name, email=email, phone=phone, postcode=postcode)
        for name, email, phone, postcode in PEOPLE
    ]
    made += [
        Customer.objects.create(name=f"Shared Mailbox {i}", email="office@example.org")
        for i in range(2, 12)
    ]
    return made


def duplicate_pairs(since=None):
    return list(DuplicatePairs(since=since or timezone.now() - timedelta(days=30)))


def values(customer: Customer) -> dict[str, object]:
    return {name: getattr(customer, name) for name in EDITABLE_FIELDS}


def test_the_pairs_are_those_the_pure_rule_finds_within_the_size_limit(people):
    found = {(p.first.pk, p.second.pk): p.reasons for p in duplicate_pairs()}

    expected = {
        (a.pk, b.pk): duplicate_reasons(values(a), values(b))
        for a, b in combinations(sorted(people[:8], key=lambda c: c.pk), 2)
        if duplicate_reasons(values(a), values(b))
    }
    assert found == expected
    assert found == {
        (people[0].pk, people[1].pk): ("email",),
        (people[0].pk, people[2].pk): ("phone",),
        (people[0].pk, people[3].pk): ("name_and_postcode",),
    }


def test_the_newest_duplicates_come_first(people):
    assert [(p.first.pk, p.second.pk) for p in duplicate_pairs()] == [
        (people[0].pk, people[3].pk),
        (people[0].pk, people[2].pk),
        (people[0].pk, people[1].pk),
    ]


def test_a_page_of_pairs_costs_two_queries_however_many_customers(people):
    since = timezone.now() - timedelta(days=30)
    with CaptureQueriesContext(connection) as queries:
        list(Paginator(DuplicatePairs(since=since), 2).get_page(1))
    Customer.objects.bulk_create(
        Customer(name=f"Resident {i}", email=f"r{i}@example.com", phone=f"0170 000 {i:04d}")
        for i in range(200)
    )
    Customer.objects.create(name="Resident 7", email="R7@example.com")

    with CaptureQueriesContext(connection) as more:
        page = Paginator(DuplicatePairs(since=since), 2).get_page(2)
        pairs = list(page)

    assert len(queries) == len(more) == 2
    assert page.paginator.count == 4
    assert [(p.first.pk, p.second.pk) for p in pairs] == [
        (people[0].pk, people[2].pk),
        (people[0].pk, people[1].pk),
    ]


def test_only_records_added_lately_are_looked_at_but_they_are_matched_with_any(people):
    long_ago = timezone.now() - timedelta(days=400)
    Customer.objects.filter(pk__in=[c.pk for c in people[:3]]).update(created_at=long_ago)

    # 0, 1 and 2 are old: only 3, added lately, is matched, with old 0.
    assert [(p.first.pk, p.second.pk) for p in duplicate_pairs()] == [(people[0].pk, people[3].pk)]
    assert len(duplicate_pairs(since=long_ago)) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_the_pairs_are_looked_up_by_the_indexed_expressions(people):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {_pairs_sql()}", [timezone.now() - timedelta(days=30)] * 3)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    for index in (
        "customer_created",
        "customer_email_upper",
        "customer_phone_digits",
        # The name is compared in the index, not on each record of a shared postcode.
        "customer_postcode_name",
    ):
        assert index in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's settings")
def test_queries_are_not_compiled_to_machine_code(db):
    """PostgreSQL's JIT spent 730 ms of the 1.4 s duplicates list at 1 M cases compiling a
    query whose index look-ups it had estimated costly: it is off for the application."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_no_customers_no_pairs(db):
    assert duplicate_pairs() == []


def test_one_records_duplicates_are_found_in_one_query_newest_first(people):
    with CaptureQueriesContext(connection) as queries:
        found = customer_duplicates(customer=people[0])

    assert len(queries) == 1
    assert [(match.customer.pk, match.reasons) for match in found] == [
        (people[3].pk, ("name_and_postcode",)),
        (people[2].pk, ("phone",)),
        (people[1].pk, ("email",)),
    ]
    assert [m.customer.pk for m in customer_duplicates(customer=people[1])] == [people[0].pk]
    assert customer_duplicates(customer=people[4]) == []
    assert customer_duplicates(customer=people[6]) == []


def test_a_record_with_nothing_to_match_on_costs_no_query(db):
    nobody = Customer.objects.create(name="Nobody")

    with CaptureQueriesContext(connection) as queries:
        assert customer_duplicates(customer=nobody) == []

    assert len(queries) == 0
