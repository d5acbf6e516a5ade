"""Changing a customer's record: front-line staff and administrators only; every change in the
customer's history and on the timeline of each open case, written set-based; bad input changes
nothing."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.errors import ServiceError
from contacts.models import CaseEvent, Customer, CustomerEvent
from contacts.services import customer_preferences_record, customer_update

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 4, 11, 30, tzinfo=UTC)


def timeline(case) -> list[tuple]:
    return list(
        CaseEvent.objects.filter(case=case, kind="customer_changed").values_list(
            "actor_id", "created_at", "payload"
        )
    )


def test_a_front_line_advisor_changes_preferences_and_needs_and_it_is_all_recorded(
    front_line, gwen, gwens_cases
):
    waste_open, highways_open, waste_resolved = gwens_cases

    event = customer_update(
        customer_id=gwen.pk,
        changes={"preferred_contact_method": "letter", "large_print": True, "name": gwen.name},
        actor=front_line,
        now=NOW,
    )

    gwen.refresh_from_db()
    assert (gwen.preferred_contact_method, gwen.large_print) == ("letter", True)
    assert event is not None
    assert list(
        CustomerEvent.objects.filter(customer=gwen).values_list(
            "kind", "actor_id", "created_at", "payload"
        )
    ) == [
        (
            "changed",
            front_line.pk,
            NOW,
            {
                "fields": ["preferred_contact_method", "large_print"],
                "values": {"preferred_contact_method": "letter", "large_print": True},
            },
        )
    ]
    expected = [(front_line.pk, NOW, {"fields": ["preferred_contact_method", "large_print"]})]
    # Every open case, whatever its service; a resolved case is history, not told.
    assert timeline(waste_open) == expected
    assert timeline(highways_open) == expected
    assert timeline(waste_resolved) == []


def test_personal_details_are_named_in_the_history_but_their_values_are_not_kept(front_line, gwen):
    customer_update(
        customer_id=gwen.pk,
        changes={"email": "g.parry@example.com", "other_needs": "Hearing loop at reception"},
        actor=front_line,
        now=NOW,
    )

    assert CustomerEvent.objects.get(customer=gwen).payload == {
        "fields": ["email", "other_needs"],
        "values": {},
    }


def test_the_timeline_entries_are_one_insert_however_many_open_cases(
    front_line, gwen, gwens_cases, service
):
    from tests.factories import make_case

    for _ in range(5):
        make_case(service=service, customer=gwen)

    with CaptureQueriesContext(connection) as queries:
        customer_update(customer_id=gwen.pk, changes={"bsl": True}, actor=front_line, now=NOW)

    inserts = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "contacts_caseevent"')]
    assert len(inserts) == 1
    assert CaseEvent.objects.filter(kind="customer_changed").count() == 7


def test_nothing_changed_records_nothing(front_line, gwen, gwens_cases):
    assert (
        customer_update(
            customer_id=gwen.pk,
            changes={"name": "Gwenllian Parry", "preferred_language": "cy"},
            actor=front_line,
            now=NOW,
        )
        is None
    )
    assert not CustomerEvent.objects.exists()
    assert not CaseEvent.objects.filter(kind="customer_changed").exists()


def test_an_administrator_may_change_a_record(administrator, gwen):
    customer_update(customer_id=gwen.pk, changes={"phone": "07700 900123"}, actor=administrator)

    assert Customer.objects.get(pk=gwen.pk).phone == "07700 900123"


@pytest.mark.parametrize("who", ["advisor", "manager", "highways_advisor", "councillor"])
def test_other_staff_and_members_may_not_change_a_record(request, who, gwen, team):
    from accounts.models import Role
    from tests.factories import UserFactory

    user = (
        UserFactory(role=Role.COUNCILLOR, team=None)
        if who == "councillor"
        else (team.manager if who == "manager" else request.getfixturevalue(who))
    )

    with pytest.raises(ServiceError) as refusal:
        customer_update(customer_id=gwen.pk, changes={"name": "Someone else"}, actor=user)

    assert refusal.value.messages == [
        "Only front-line staff and administrators can change customer records."
    ]
    assert Customer.objects.get(pk=gwen.pk).name == "Gwenllian Parry"
    assert not CustomerEvent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"email": "not an address"}, "email"),
        ({"preferred_contact_method": "pigeon"}, "preferred_contact_method"),
        ({"postcode": "X" * 11}, "postcode"),
    ],
)
def test_bad_values_are_refused_by_field_and_nothing_is_saved_or_recorded(
    front_line, gwen, gwens_cases, changes, field
):
    with pytest.raises(ServiceError) as refusal:
        customer_update(customer_id=gwen.pk, changes=changes, actor=front_line, now=NOW)

    assert list(refusal.value.fields) == [field]
    fresh = Customer.objects.get(pk=gwen.pk)
    assert (fresh.name, fresh.email, fresh.preferred_contact_method, fresh.postcode) == (
        "Gwenllian Parry",
        "gwen@example.com",
        "email",
        "LL99 1AB",
    )
    assert not CustomerEvent.objects.exists()
    assert not CaseEvent.objects.filter(kind="customer_changed").exists()


def test_a_record_merged_away_meanwhile_is_refused_in_words(front_line, gwen):
    gone = gwen.pk
    gwen.delete()

    with pytest.raises(ServiceError) as refusal:
        customer_update(customer_id=gone, changes={"bsl": True}, actor=front_line)

    assert refusal.value.messages == [
        "This customer record no longer exists: it may have been merged into another. "
        "Nothing was changed."
    ]


def test_a_field_that_is_not_editable_is_a_programming_error(front_line, gwen):
    with pytest.raises(ValueError, match="created_at"):
        customer_update(customer_id=gwen.pk, changes={"created_at": NOW}, actor=front_line)


def test_preferences_told_while_logging_a_contact_are_recorded_too(advisor, gwen, gwens_cases):
    """Any officer logging a contact records what the customer said this time; the record says
    who and when, like an edit."""
    customer_preferences_record(
        customer=gwen,
        preferred_language="en",
        preferred_contact_method=None,
        actor=advisor,
        now=NOW,
    )

    assert gwen.preferred_language == "en"
    assert Customer.objects.get(pk=gwen.pk).preferred_language == "en"
    assert CustomerEvent.objects.get(customer=gwen).payload == {
        "fields": ["preferred_language"],
        "values": {"preferred_language": "en"},
    }
    assert timeline(gwens_cases[0]) == [(advisor.pk, NOW, {"fields": ["preferred_language"]})]


def test_preferences_not_asked_record_nothing(advisor, gwen):
    customer_preferences_record(customer=gwen, actor=advisor, now=NOW)

    assert not CustomerEvent.objects.exists()


def test_a_change_in_the_django_admin_is_recorded_too(client, administrator, gwen):
    client.force_login(administrator)
    url = f"/en/admin/contacts/customer/{gwen.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200

    response = client.post(
        url,
        {
            "name": "Gwenllian Parry",
            "email": "gwen@example.com",
            "phone": "01234 560101",
            "address": gwen.address,
            "postcode": gwen.postcode,
            "preferred_language": "cy",
            "preferred_contact_method": "letter",
            "interpreter_language": "",
            "other_needs": "",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "events-MIN_NUM_FORMS": "0",
            "events-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Customer.objects.get(pk=gwen.pk).preferred_contact_method == "letter"
    assert CustomerEvent.objects.get(customer=gwen).payload == {
        "fields": ["preferred_contact_method"],
        "values": {"preferred_contact_method": "letter"},
    }
