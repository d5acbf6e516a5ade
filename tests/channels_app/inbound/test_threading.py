"""Finding the case a message answers from its subject and reply headers (no database)."""

import pytest

from channels_app.domain.threading import message_ids_in, references_in


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: Your case CYS-2026-000123: acknowledgement", ["CYS-2026-000123"]),
        ("RE: cys-2026-000123", ["CYS-2026-000123"]),
        (
            "CYS-2026-000123 and CYS-2025-000009 and CYS-2026-000123",
            ["CYS-2026-000123", "CYS-2025-000009"],
        ),
        ("XCYS-2026-000123", []),  # part of another word
        ("CYS-2026-0001234", []),  # a number too long
        ("CYS-26-000123", []),
        ("Bin not collected", []),
        ("", []),
    ],
)
def test_references_in_a_subject(subject, expected):
    assert references_in(subject, prefix="CYS") == expected


def test_reply_headers_give_the_nearest_message_first_without_repeats():
    headers = ["<c@example.com>", "<a@example.com> <b@example.com>\r\n <c@example.com>"]

    assert message_ids_in(headers) == ["<c@example.com>", "<b@example.com>", "<a@example.com>"]


def test_reply_headers_without_message_ids_give_none():
    assert message_ids_in(["", "not an id"]) == []
