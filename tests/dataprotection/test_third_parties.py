"""Other people's e-mail addresses, numbers and names in an export, worked out by hand."""

import pytest

from dataprotection.domain.third_parties import (
    EMAIL,
    NAME,
    PHONE,
    Finding,
    Text,
    phone_digits,
    third_parties,
)

OWN = {"own_emails": ["Gwen@Example.com"], "own_phones": ["01267 234567"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nothing personal here", []),
        # The requester's own address, whatever its capitals, is theirs to see.
        ("Write to gwen@example.COM please", []),
        ("Neighbour is dai@example.org.", [Finding(EMAIL, "dai@example.org", "t")]),
        # Her own number however written; another number is someone else's.
        ("Call +44 1267 234567 or 01267-234-567", []),
        ("Her son: 07700 900123", [Finding(PHONE, "07700 900123", "t")]),
        ("Son +44 7700 900123", [Finding(PHONE, "+44 7700 900123", "t")]),
        # A reference or an amount is not a number to redact.
        ("Case CYS-2026-000123 paid 1234", []),
        ("Twice: a@b.cy and a@b.cy", [Finding(EMAIL, "a@b.cy", "t")]),
    ],
)
def test_texts(text, expected):
    assert third_parties([Text("t", text)], **OWN) == expected


def test_names_given_for_others_are_listed_after_the_texts():
    found = third_parties(
        [Text("a", "x@y.org")],
        named=[Text("complaint", "Dai Jones"), Text("blank", "  ")],
        **OWN,
    )

    assert found == [Finding(EMAIL, "x@y.org", "a"), Finding(NAME, "Dai Jones", "complaint")]


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("01267 234567", "01267234567"),
        ("+44 (0)1267 234567", "01267234567"),
        ("+441267234567", "01267234567"),
    ],
)
def test_phone_digits(value, digits):
    assert phone_digits(value) == digits
