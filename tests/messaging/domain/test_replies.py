"""The language and method of a reply, as tables (pure, no database)."""

import pytest

from messaging.domain.replies import (
    Reachable,
    ReplyLanguage,
    ReplyMethod,
    is_uk_mobile,
    reply_language,
    reply_method,
)

CY, EN, BOTH = ReplyLanguage.WELSH, ReplyLanguage.ENGLISH, ReplyLanguage.BILINGUAL


@pytest.mark.parametrize(
    ("contact_language", "preference", "expected"),
    [
        ("cy", "", CY),
        ("cy", "cy", CY),
        ("cy", "en", CY),  # written to in Welsh: answered in Welsh
        ("en", "cy", CY),  # recorded preference wins over the language of an English contact
        ("en", "en", EN),
        ("en", "", EN),
        ("", "cy", CY),
        ("", "en", EN),
        ("", "", BOTH),  # nothing known: bilingual, Welsh first
    ],
)
def test_reply_language(contact_language, preference, expected):
    assert reply_language(contact_language=contact_language, preference=preference) is expected


EMAIL, SMS, LETTER = ReplyMethod.EMAIL, ReplyMethod.SMS, ReplyMethod.LETTER
ALL = Reachable(email=True, mobile=True, postal_address=True)
ONLY_POST = Reachable(postal_address=True)
ONLY_EMAIL = Reachable(email=True)
ONLY_MOBILE = Reachable(mobile=True)
NOTHING = Reachable()


@pytest.mark.parametrize(
    ("channel", "preference", "reachable", "expected"),
    [
        # The channel's own method when there is no preference.
        ("email", "", ALL, EMAIL),
        ("webform", "", ALL, EMAIL),
        ("text", "", ALL, SMS),
        ("phone", "", ONLY_MOBILE, SMS),
        ("letter", "", ONLY_POST, LETTER),
        ("fax", "", ONLY_POST, LETTER),
        # A letter or fax is answered by e-mail when an address is known.
        ("letter", "", ALL, EMAIL),
        ("fax", "", ONLY_EMAIL, EMAIL),
        # The customer's preference wins where it can reach them.
        ("email", "letter", ALL, LETTER),
        ("text", "email", ALL, EMAIL),
        ("letter", "text", ALL, SMS),
        ("webform", "letter", ALL, LETTER),
        # ... and not where it cannot.
        ("email", "text", ONLY_EMAIL, EMAIL),
        ("letter", "email", ONLY_POST, LETTER),
        # A phone preference is not a message: the channel decides.
        ("email", "phone", ALL, EMAIL),
        # Nothing to send by.
        ("visit", "", ALL, None),
        ("social", "", ALL, None),
        ("phone", "", ONLY_EMAIL, None),
        ("email", "", NOTHING, None),
        ("letter", "", NOTHING, None),
    ],
)
def test_reply_method(channel, preference, reachable, expected):
    assert reply_method(channel=channel, preference=preference, reachable=reachable) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("07700 900123", True),
        ("+44 7700 900123", True),
        ("0044 7700 900123", True),
        ("01824 706000", False),  # a landline
        ("+44 1824 706000", False),
        ("0770090012", False),  # a digit short
        ("", False),
    ],
)
def test_uk_mobile_numbers_can_receive_texts(number, expected):
    assert is_uk_mobile(number) is expected
