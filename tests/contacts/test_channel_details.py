"""Each channel's details are validated by their own schema and stored canonically."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from common.errors import ServiceError
from contacts.channel_details import parse_details


@pytest.mark.parametrize(
    ("channel", "raw", "data", "contact_type", "scheduled_at", "source_key"),
    [
        (
            "phone",
            {"contact_type": "answered", "caller_number": "01824 706000"},
            {
                "contact_type": "answered",
                "caller_number": "01824 706000",
                "handled_in_welsh": False,
            },
            "answered",
            None,
            None,
        ),
        (
            "phone",
            {
                "contact_type": "callback",
                "caller_number": "+441824706000",
                "callback_at": "2026-07-01T14:00:00+01:00",
                "call_id": "c-1",
            },
            {
                "contact_type": "callback",
                "caller_number": "+441824706000",
                "callback_at": "2026-07-01T14:00:00+01:00",
                "call_id": "c-1",
                "handled_in_welsh": False,
            },
            "callback",
            datetime(2026, 7, 1, 13, 0, tzinfo=UTC),
            "phone:c-1",
        ),
        (
            "text",
            {"from_number": "07700 900123", "message_id": "m1"},
            {"from_number": "07700 900123", "message_id": "m1"},
            "",
            None,
            "text:m1",
        ),
        (
            "email",
            {
                "contact_type": "officer",
                "from_address": "a@example.com",
                "to_address": "b@example.gov.wales",
                "message_id": "<x@y>",
            },
            {
                "contact_type": "officer",
                "from_address": "a@example.com",
                "to_address": "b@example.gov.wales",
                "message_id": "<x@y>",
            },
            "officer",
            None,
            "email:<x@y>",
        ),
        (
            "letter",
            {"postal_address": "1 Ffordd Wrecsam", "dated": "2026-03-01"},
            {"postal_address": "1 Ffordd Wrecsam", "dated": "2026-03-01"},
            "",
            None,
            None,
        ),
        ("fax", {"fax_number": "01824 707000"}, {"fax_number": "01824 707000"}, "", None, None),
        (
            "visit",
            {"contact_type": "officer_visit", "scheduled_at": "2026-03-03T11:00:00Z"},
            {"contact_type": "officer_visit", "scheduled_at": "2026-03-03T11:00:00Z"},
            "officer_visit",
            datetime(2026, 3, 3, 11, 0, tzinfo=UTC),
            None,
        ),
        (
            "webform",
            {"form": "report-fly-tipping", "submission_id": "s-9"},
            {"form": "report-fly-tipping", "submission_id": "s-9"},
            "",
            None,
            "webform:s-9",
        ),
        (
            "social",
            {"platform": "x", "handle": "@resident", "post_id": "123"},
            {"platform": "x", "handle": "@resident", "post_id": "123"},
            "",
            None,
            "social:123",
        ),
    ],
    ids=["phone", "callback", "text", "email", "letter", "fax", "visit", "webform", "social"],
)
def test_valid_details_of_each_channel(channel, raw, data, contact_type, scheduled_at, source_key):
    details = parse_details(channel, raw)

    assert details.data == data
    assert (details.contact_type, details.scheduled_at, details.source_key) == (
        contact_type,
        scheduled_at,
        source_key,
    )


@pytest.mark.parametrize(
    ("channel", "raw", "errors"),
    [
        (
            "phone",
            {"contact_type": "callback", "caller_number": "01824 706000"},
            {"callback_at": ["Give the time agreed with the caller for the callback."]},
        ),
        (
            "phone",
            {"contact_type": "voicemail"},
            {"caller_number": ["Give the caller's number so that we can call back."]},
        ),
        (
            "phone",
            {
                "contact_type": "callback",
                "caller_number": "01824 706000",
                "callback_at": "2026-03-02T14:00:00",
            },
            {
                "callback_at": [
                    "Give the time with its UTC offset, for example 2026-03-02T10:00:00+00:00."
                ]
            },
        ),
        (
            "phone",
            {"contact_type": "answered", "caller_number": "call me"},
            {
                "caller_number": [
                    "Enter a telephone number using digits, spaces and an optional leading +."
                ]
            },
        ),
        ("text", {}, {"from_number": ["This field is required."]}),
        (
            "email",
            {
                "contact_type": "department",
                "from_address": "not-an-address",
                "to_address": "b@example.gov.wales",
            },
            {"from_address": ["Enter a valid email address."]},
        ),
        (
            "visit",
            {"contact_type": "appointment"},
            {"scheduled_at": ["Give the appointment or agreed visit time."]},
        ),
        (
            "social",
            {"platform": "myspace", "handle": "@x"},
            {"platform": ['"myspace" is not a valid choice.']},
        ),
        (
            "letter",
            {"postal_address": "x" * 501},
            {"postal_address": ["Ensure this field has no more than 500 characters."]},
        ),
    ],
    ids=[
        "callback-no-time",
        "voicemail-no-number",
        "naive-time",
        "bad-number",
        "text-empty",
        "bad-email",
        "appointment-no-time",
        "unknown-platform",
        "oversized",
    ],
)
def test_invalid_details_are_refused_with_field_errors(channel, raw, errors):
    with pytest.raises(ServiceError) as caught:
        parse_details(channel, raw)

    assert caught.value.message_dict == errors
    assert isinstance(caught.value, ValidationError)  # existing ``except`` clauses still catch it


def test_an_unknown_channel_is_refused():
    with pytest.raises(ServiceError) as caught:
        parse_details("pigeon", {})
    assert caught.value.message_dict == {"channel": ["Unknown channel."]}


def test_details_must_be_an_object():
    with pytest.raises(ServiceError) as caught:
        parse_details("fax", ["01824 707000"])
    assert caught.value.messages == ["Give the channel details as an object."]
