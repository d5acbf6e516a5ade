"""Merging two records of one person: fields from either, every case of every service moved in
one UPDATE, the messages with them, the other record gone, an audit in the kept record's
history; refusals change nothing; both rows locked in id order."""

import threading
import time
from datetime import UTC, datetime

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from common.errors import ServiceError
from contacts.models import Case, CaseEvent, Customer, CustomerEvent
from contacts.services import customer_merge, customer_update
from contacts.services.customer_merge import customers_locked
from messaging.models import OutboundMessage
from tests.factories import make_case

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 5, 14, 0, tzinfo=UTC)


@pytest.fixture
def duplicate(db):
    """Gwen again, typed by someone else: the same address in capitals, no phone, large
    print."""
    return Customer.objects.create(
        name="Gwenllian Parry",
        email="GWEN@example.com",
        address="3 Heol y Bryn",
        postcode="LL99 1AB",
        preferred_language="cy",
        large_print=True,
        other_needs="Step-free access",
    )


@pytest.fixture
def duplicates_cases(duplicate, highways, service):
    return (
        make_case(service=highways, customer=duplicate),
        make_case(service=service, customer=duplicate, kind="complaint"),
    )


def test_merging_moves_every_case_of_every_service_and_keeps_the_chosen_fields(
    front_line, gwen, gwens_cases, duplicate, duplicates_cases
):
    merged_id = duplicate.pk

    record = customer_merge(
        kept_id=gwen.pk,
        merged_id=merged_id,
        take={"large_print", "other_needs"},
        actor=front_line,
        now=NOW,
    )

    gwen.refresh_from_db()
    assert (gwen.email, gwen.phone, gwen.large_print, gwen.other_needs) == (
        "gwen@example.com",
        "01234 560101",
        True,
        "Step-free access",
    )
    assert not Customer.objects.filter(pk=merged_id).exists()
    assert set(Case.objects.filter(customer=gwen)) == {*gwens_cases, *duplicates_cases}
    assert (record.customer_id, record.kind, record.actor_id, record.created_at) == (
        gwen.pk,
        "merged",
        front_line.pk,
        NOW,
    )
    assert record.payload == {
        "merged_customer": merged_id,
        "from_merged": ["large_print", "other_needs"],
        "from_kept": ["email", "phone", "address", "postcode", "preferred_contact_method"],
        "cases_moved": 2,
    }


def test_each_moved_case_says_so_on_its_timeline_and_no_other_does(
    front_line, gwen, gwens_cases, duplicate, duplicates_cases
):
    merged_id = duplicate.pk

    customer_merge(kept_id=gwen.pk, merged_id=merged_id, actor=front_line, now=NOW)

    told = CaseEvent.objects.filter(kind="customer_merged")
    assert {event.case_id for event in told} == {case.pk for case in duplicates_cases}
    assert {(e.actor_id, e.created_at) for e in told} == {(front_line.pk, NOW)}
    assert told[0].payload == {"merged_customer": merged_id, "kept_customer": gwen.pk}


def test_messages_to_the_merged_record_follow_their_cases(
    front_line, gwen, duplicate, duplicates_cases
):
    message = OutboundMessage.objects.filter(case=duplicates_cases[0]).first()
    assert message is not None  # the acknowledgement owed by the e-mail

    customer_merge(kept_id=gwen.pk, merged_id=duplicate.pk, actor=front_line, now=NOW)

    assert OutboundMessage.objects.get(pk=message.pk).case.customer_id == gwen.pk


def test_the_merged_records_history_comes_along(front_line, gwen, duplicate):
    customer_update(customer_id=duplicate.pk, changes={"bsl": True}, actor=front_line, now=NOW)

    customer_merge(kept_id=gwen.pk, merged_id=duplicate.pk, actor=front_line, now=NOW)

    assert list(CustomerEvent.objects.filter(customer=gwen).values_list("kind", flat=True)) == [
        "merged",
        "changed",
    ]


def test_moving_cases_is_one_update_however_many(front_line, gwen, duplicate, service):
    for _ in range(6):
        make_case(service=service, customer=duplicate)

    with CaptureQueriesContext(connection) as queries:
        customer_merge(kept_id=gwen.pk, merged_id=duplicate.pk, actor=front_line, now=NOW)

    case_updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "contacts_case"')]
    assert len(case_updates) == 1
    assert Case.objects.filter(customer=gwen).count() == 6


def test_either_record_may_be_kept(front_line, gwen, gwens_cases, duplicate):
    customer_merge(kept_id=duplicate.pk, merged_id=gwen.pk, take={"phone"}, actor=front_line)

    duplicate.refresh_from_db()
    assert (duplicate.email, duplicate.phone) == ("GWEN@example.com", "01234 560101")
    assert Case.objects.filter(customer=duplicate).count() == 3


def test_an_administrator_may_merge(administrator, gwen, duplicate):
    customer_merge(kept_id=gwen.pk, merged_id=duplicate.pk, actor=administrator)

    assert Customer.objects.count() == 1


def _nothing_changed(gwen, duplicate, cases) -> None:
    assert Customer.objects.filter(pk__in=[gwen.pk, duplicate.pk]).count() == 2
    assert Customer.objects.get(pk=gwen.pk).large_print is False
    assert {c.customer_id for c in Case.objects.filter(pk__in=[c.pk for c in cases])} == {
        duplicate.pk
    }
    assert not CustomerEvent.objects.exists()
    assert not CaseEvent.objects.filter(kind="customer_merged").exists()


def test_merging_a_record_into_itself_is_refused_and_changes_nothing(
    front_line, gwen, duplicate, duplicates_cases
):
    with pytest.raises(ServiceError) as refusal:
        customer_merge(kept_id=gwen.pk, merged_id=gwen.pk, actor=front_line)

    assert refusal.value.messages == ["A customer record cannot be merged into itself."]
    _nothing_changed(gwen, duplicate, duplicates_cases)


def test_merging_a_record_that_no_longer_exists_is_refused_and_changes_nothing(
    front_line, gwen, duplicate, duplicates_cases
):
    with pytest.raises(ServiceError) as refusal:
        customer_merge(kept_id=gwen.pk, merged_id=duplicate.pk + 1000, actor=front_line)
    with pytest.raises(ServiceError):
        customer_merge(kept_id=gwen.pk + 1000, merged_id=duplicate.pk, actor=front_line)

    assert refusal.value.messages == [
        "One of these customer records no longer exists: it may have been merged already. "
        "Nothing was changed."
    ]
    _nothing_changed(gwen, duplicate, duplicates_cases)


def test_an_unknown_choice_of_fields_is_refused_and_changes_nothing(
    front_line, gwen, duplicate, duplicates_cases
):
    with pytest.raises(ServiceError):
        customer_merge(
            kept_id=gwen.pk, merged_id=duplicate.pk, take={"large_print", "id"}, actor=front_line
        )

    _nothing_changed(gwen, duplicate, duplicates_cases)


def test_staff_who_are_not_front_line_may_not_merge(advisor, gwen, duplicate, duplicates_cases):
    with pytest.raises(ServiceError) as refusal:
        customer_merge(kept_id=gwen.pk, merged_id=duplicate.pk, actor=advisor)

    assert refusal.value.messages == [
        "Only front-line staff and administrators can merge customer records."
    ]
    _nothing_changed(gwen, duplicate, duplicates_cases)


def test_both_rows_are_locked_in_one_statement_in_id_order_whichever_is_kept(
    front_line, gwen, duplicate
):
    with CaptureQueriesContext(connection) as queries:
        customer_merge(kept_id=duplicate.pk, merged_id=gwen.pk, actor=front_line)

    locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert len(locks) == 1
    assert locks[0].endswith('ORDER BY "contacts_customer"."id" ASC FOR UPDATE')


# --- Two merges at once ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_merges_of_one_pair_either_way_round_queue_and_the_second_is_refused(
    front_line, gwen, duplicate, service
):
    """One officer merges Gwen's duplicate into Gwen while another merges Gwen into the
    duplicate: the second waits for the first's locks (no deadlock), then finds a record gone
    and changes nothing."""
    make_case(service=service, customer=gwen)
    make_case(service=service, customer=duplicate)
    locked = threading.Event()
    release = threading.Event()
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            from django.db import transaction

            with transaction.atomic():
                customers_locked(gwen.pk, duplicate.pk)
                locked.set()
                release.wait(10)
                customer_merge(kept_id=gwen.pk, merged_id=duplicate.pk, actor=front_line)
            outcome["first"] = "merged"
        except Exception as error:  # pragma: no cover - reported below
            outcome["first"] = error
        finally:
            connections.close_all()

    def second() -> None:
        try:
            # A thread starts in the site's default language, Welsh.
            with translation.override("en"):
                customer_merge(kept_id=duplicate.pk, merged_id=gwen.pk, actor=front_line)
            outcome["second"] = "merged"
        except ServiceError as error:
            outcome["second"] = error.messages
        except Exception as error:  # pragma: no cover - reported below
            outcome["second"] = error
        finally:
            connections.close_all()

    one = threading.Thread(target=first)
    one.start()
    assert locked.wait(10)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(0.5)
    assert two.is_alive(), "the second merge should wait for the first's locks"
    release.set()
    one.join(15)
    two.join(15)

    assert outcome == {
        "first": "merged",
        "second": [
            "One of these customer records no longer exists: it may have been merged "
            "already. Nothing was changed."
        ],
    }
    assert list(Customer.objects.values_list("pk", flat=True)) == [gwen.pk]
    assert Case.objects.filter(customer=gwen).count() == 2
