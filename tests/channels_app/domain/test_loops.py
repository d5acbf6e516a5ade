"""Automatic e-mail is recognised by its headers (pure, no database)."""

import pytest

from channels_app.domain.loops import is_automatic

PERSON = {
    "From": "Siân Jones <sian@example.com>",
    "Subject": "Bin heb ei gasglu",
    "Content-Type": "text/plain; charset=utf-8",
    "Return-Path": "<sian@example.com>",
}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, False),
        ({"Auto-Submitted": "no"}, False),
        ({"Auto-Submitted": "auto-replied"}, True),
        ({"Auto-Submitted": "auto-generated"}, True),
        ({"auto-submitted": "Auto-Replied"}, True),  # names and values in any case
        ({"Precedence": "bulk"}, True),
        ({"Precedence": "list"}, True),
        ({"Precedence": "junk"}, True),
        ({"Precedence": "first-class"}, False),
        ({"X-Autoreply": "yes"}, True),
        ({"X-Autorespond": "Out of office"}, True),
        ({"X-Auto-Response-Suppress": "All"}, True),
        ({"X-Auto-Response-Suppress": "DR"}, False),  # asks us not to send receipts only
        ({"List-Id": "<cymdeithas.example.org>"}, True),
        ({"List-Unsubscribe": "<mailto:leave@example.org>"}, True),
        ({"Return-Path": "<>"}, True),  # the null sender of a bounce
        ({"Content-Type": "multipart/report; report-type=delivery-status"}, True),
        ({"From": "MAILER-DAEMON@mx.example.com"}, True),
        ({"From": "Mail Delivery System <postmaster@example.com>"}, True),
    ],
)
def test_automatic_mail_is_recognised(extra, expected):
    assert is_automatic({**PERSON, **extra}) is expected
