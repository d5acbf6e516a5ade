"""Creating a case gives it the milestones its standard promises, with due times computed once.

Expected times are worked out by hand from SPEC §3 (UTC; GMT until 29 March 2026, BST after).
"""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from contacts.channel_details import parse_details
from contacts.models import Case, CaseEvent, Customer, Milestone
from contacts.services import case_create
from standards.models import Standard
from standards.selectors import case_rules_forget
from tests.factories import EMAIL_DEPARTMENT, CustomerFactory, make_case

pytestmark = pytest.mark.django_db


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def milestones_of(case: Case) -> dict[str, tuple]:
    return {m.kind: (m.due_at, m.due_soon_at, m.state) for m in Milestone.objects.filter(case=case)}


def test_email_to_a_department_is_acknowledged_in_24_hours_and_answered_in_10_working_days(
    service,
):
    case = make_case(service=service, received_at=utc(2026, 3, 2, 10, 0))

    assert case.standard.code == "EMAIL_DEPARTMENT"
    assert milestones_of(case) == {
        "acknowledge": (utc(2026, 3, 3, 10, 0), utc(2026, 3, 3, 4, 0), "pending"),
        "respond": (utc(2026, 3, 16, 17, 0), utc(2026, 3, 13, 17, 0), "pending"),
    }


def test_voicemail_is_acknowledged_by_the_end_of_the_following_working_day(service):
    case = make_case(
        service=service,
        channel="phone",
        received_at=utc(2026, 3, 6, 16, 30),
        details={"contact_type": "voicemail", "caller_number": "01824 706000"},
    )

    assert case.standard.code == "PHONE_VOICEMAIL"
    assert milestones_of(case) == {
        "acknowledge": (utc(2026, 3, 9, 17, 0), utc(2026, 3, 6, 17, 0), "pending"),
    }


def test_callback_is_due_at_the_time_agreed_with_the_caller(service):
    case = make_case(
        service=service,
        channel="phone",
        received_at=utc(2026, 3, 2, 10, 0),
        details={
            "contact_type": "callback",
            "caller_number": "+44 1824 706000",
            "callback_at": "2026-03-02T14:00:00+00:00",
        },
    )

    assert milestones_of(case) == {
        "callback": (utc(2026, 3, 2, 14, 0), utc(2026, 3, 2, 13, 0), "pending"),
    }


def test_appointment_visitor_is_seen_within_5_minutes_of_the_appointment(service):
    case = make_case(
        service=service,
        channel="visit",
        received_at=utc(2026, 3, 2, 9, 0),
        details={"contact_type": "appointment", "scheduled_at": "2026-03-03T11:00:00Z"},
    )

    (milestone,) = Milestone.objects.filter(case=case)
    assert milestone.kind == "seen"
    assert milestone.starts_at == utc(2026, 3, 3, 11, 0)
    assert milestone.due_at == utc(2026, 3, 3, 11, 5)
    assert milestone.due_soon_at == utc(2026, 3, 3, 11, 3, 45)


def test_reception_drop_in_measures_the_wait_without_a_deadline(service):
    case = make_case(
        service=service,
        channel="visit",
        received_at=utc(2026, 3, 2, 9, 0),
        details={"contact_type": "reception", "expected_wait_minutes": 10},
    )

    assert milestones_of(case) == {"seen": (None, None, "pending")}


def test_complaint_by_letter_follows_the_complaint_standard_across_easter(service):
    case = make_case(
        service=service,
        channel="letter",
        kind="complaint",
        received_at=utc(2026, 4, 2, 9, 0),
        details={"postal_address": "1 Stryd Fawr, Rhuthun", "postcode": "LL15 1AA"},
    )

    assert case.standard.code == "COMPLAINT"
    # Good Friday 3 April and Easter Monday 6 April do not count: day 10 is Monday 20 April,
    # 17:00 BST.
    assert milestones_of(case) == {
        "contact": (utc(2026, 4, 20, 16, 0), utc(2026, 4, 17, 16, 0), "pending"),
    }


def test_social_media_post_on_a_saturday_is_due_monday_and_due_soon_at_once(service):
    case = make_case(
        service=service,
        channel="social",
        received_at=utc(2026, 11, 7, 12, 0),
        details={"platform": "facebook", "handle": "@preswylydd"},
    )

    assert milestones_of(case) == {
        "respond": (utc(2026, 11, 9, 17, 0), utc(2026, 11, 7, 12, 0), "pending"),
    }


def test_text_reply_within_24_real_hours_across_the_clock_change(service):
    case = make_case(
        service=service,
        channel="text",
        received_at=utc(2026, 3, 28, 12, 0),
        details={"from_number": "07700 900123"},
    )

    assert milestones_of(case)["confirm"][0] == utc(2026, 3, 29, 12, 0)


def test_compliment_has_no_deadline(service):
    case = make_case(service=service, kind="compliment")

    assert case.standard.code == "COMPLIMENT"
    assert not Milestone.objects.filter(case=case).exists()


def test_references_are_numbered_per_year_of_local_receipt(service):
    first = make_case(service=service, received_at=utc(2026, 12, 31, 23, 30))
    second = make_case(service=service, received_at=utc(2026, 6, 1, 9, 0))
    next_year = make_case(service=service, received_at=utc(2027, 1, 1, 0, 30))

    assert (first.reference, second.reference, next_year.reference) == (
        "CYS-2026-000001",
        "CYS-2026-000002",
        "CYS-2027-000001",
    )


def test_reference_year_is_the_local_year_in_summer_time(service):
    # 23:30 UTC on 30 June is 00:30 BST on 1 July: still 2026 either way, but the local date
    # decides, so a case received 31 Dec 23:30 UTC (GMT) stays in 2026.
    case = make_case(service=service, received_at=utc(2026, 6, 30, 23, 30))
    assert case.reference.startswith("CYS-2026-")


def test_the_timeline_starts_with_the_creation(service, advisor):
    case = make_case(service=service, actor=advisor)

    assert list(CaseEvent.objects.filter(case=case).values_list("kind", "actor", "payload")) == [
        ("created", advisor.pk, {"status": "new"}),
    ]


def test_the_same_inbound_message_twice_makes_one_case(service):
    details = {**EMAIL_DEPARTMENT, "message_id": "<abc@example.com>"}

    first = make_case(service=service, details=details)
    second = make_case(service=service, details=details)

    assert first.pk == second.pk
    assert Case.objects.count() == 1
    assert Milestone.objects.count() == 2


def test_a_new_customer_is_saved_with_the_case_and_sets_its_language(service):
    customer = Customer(name="Siân Jones", email="sian@example.com", preferred_language="cy")

    case = make_case(service=service, customer=customer)

    assert case.customer.pk is not None
    assert case.language == "cy"


def test_the_language_is_unknown_when_neither_the_contact_nor_the_customer_says(service):
    case = make_case(service=service, customer=CustomerFactory(preferred_language=""))
    assert case.language == ""


@pytest.mark.parametrize(
    ("received_at", "field", "message"),
    [
        (datetime(2026, 3, 2, 10, 0), "received_at", "Give the time with its UTC offset."),
        (utc(2026, 3, 2, 10, 3), "received_at", "The time received cannot be in the future."),
    ],
    ids=["naive", "future"],
)
def test_bad_received_times_are_refused_and_nothing_is_stored(service, received_at, field, message):
    with pytest.raises(ValidationError) as caught:
        case_create(
            channel="email",
            details=parse_details("email", EMAIL_DEPARTMENT),
            kind="enquiry",
            service=service,
            summary="x",
            received_at=received_at,
            now=utc(2026, 3, 2, 10, 0),
        )

    assert caught.value.message_dict == {field: [message]}
    assert not Case.objects.exists()


def test_a_contact_with_no_applicable_standard_is_refused(service):
    Standard.objects.filter(code="LETTER").update(is_active=False)
    case_rules_forget()

    with pytest.raises(ValidationError) as caught:
        make_case(service=service, channel="letter", details={"postal_address": "1 High St"})

    assert caught.value.message_dict == {
        "kind": ["No customer care standard applies to this contact."]
    }
    assert not Case.objects.exists()
