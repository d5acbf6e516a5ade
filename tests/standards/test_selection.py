"""A new case is given the most specific selectable standard (pure rules, no database)."""

import json
from pathlib import Path

import pytest

from standards.domain.selection import SelectionKey, select_standard

CATALOGUE = json.loads(
    (Path(__file__).resolve().parents[2] / "standards/data/catalogue_v1.json").read_text()
)
KEYS = [
    SelectionKey(row["code"], row["channel"], row["contact_type"], row["case_kind"])
    for row in CATALOGUE
    if row["selectable"]
]


@pytest.mark.parametrize(
    ("channel", "contact_type", "kind", "expected"),
    [
        ("phone", "answered", "enquiry", "PHONE_ANSWER"),
        ("phone", "voicemail", "enquiry", "PHONE_VOICEMAIL"),
        ("phone", "callback", "service_request", "PHONE_CALLBACK"),
        ("text", "", "enquiry", "TEXT"),
        ("email", "officer", "enquiry", "EMAIL_OFFICER"),
        ("email", "department", "service_request", "EMAIL_DEPARTMENT"),
        ("letter", "", "enquiry", "LETTER"),
        ("fax", "", "enquiry", "FAX"),
        ("visit", "reception", "enquiry", "VISIT_RECEPTION"),
        ("visit", "appointment", "enquiry", "VISIT_APPOINTMENT"),
        ("visit", "officer_visit", "enquiry", "VISIT_OFFICER"),
        ("visit", "unannounced", "enquiry", "VISIT_UNANNOUNCED"),
        ("webform", "", "enquiry", "WEBFORM"),
        ("social", "", "enquiry", "SOCIAL_MEDIA"),
        # A kind with a standard of its own wins over the channel's.
        ("email", "department", "complaint", "COMPLAINT"),
        ("phone", "voicemail", "complaint", "COMPLAINT"),
        ("letter", "", "compliment", "COMPLIMENT"),
        ("webform", "", "feedback", "FEEDBACK"),
        ("email", "officer", "councillor_enquiry", "COUNCILLOR_ENQUIRY"),
        ("email", "department", "web_content_change", "WEBSITE_CHANGE"),
    ],
)
def test_the_catalogue_gives_each_contact_its_standard(channel, contact_type, kind, expected):
    assert select_standard(KEYS, channel=channel, contact_type=contact_type, kind=kind) == expected


def test_a_contact_type_the_channel_does_not_know_finds_no_standard():
    assert select_standard(KEYS, channel="phone", contact_type="", kind="enquiry") is None


def test_a_channel_wide_standard_serves_any_contact_type():
    keys = [
        SelectionKey("ANY_EMAIL", "email", "", ""),
        SelectionKey("DEPT", "email", "department", ""),
    ]
    assert select_standard(keys, channel="email", contact_type="officer", kind="enquiry") == (
        "ANY_EMAIL"
    )
    assert (
        select_standard(keys, channel="email", contact_type="department", kind="enquiry") == "DEPT"
    )


def test_no_candidates_no_standard():
    assert select_standard([], channel="email", contact_type="", kind="enquiry") is None
