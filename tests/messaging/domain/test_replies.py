"""The language and method of a reply, as tables (pure, no database)."""

import pytest

from messaging.domain.replies import (
    Reachable,
    ReplyLanguage,
    ReplyMethod,
    fax_digits,
    is_fax_number,
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
FAX = ReplyMethod.FAX
FAX_AND_ALL = Reachable(email=True, mobile=True, postal_address=True, fax=True)
ONLY_FAX = Reachable(fax=True)


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
        # A letter, or a fax with no number, is answered by e-mail when an address is known.
        ("letter", "", ALL, EMAIL),
        ("fax", "", ONLY_EMAIL, EMAIL),
        ("fax", "", ALL, EMAIL),
        # A fax with the number it came from is faxed back, whatever else is known.
        ("fax", "", FAX_AND_ALL, FAX),
        ("fax", "", ONLY_FAX, FAX),
        # Fax as the preference: only where a fax number is known.
        ("email", "fax", FAX_AND_ALL, FAX),
        ("email", "fax", ALL, EMAIL),
        ("fax", "email", FAX_AND_ALL, EMAIL),
        ("fax", "letter", FAX_AND_ALL, LETTER),
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
        # "No preference", and the channel has no method of its own or its own cannot reach
        # them: whatever detail the customer gave, e-mail first, then a mobile, a postal
        # address, a fax number (issue 15: an answered call with an e-mail address).
        ("phone", "", ONLY_EMAIL, EMAIL),
        ("phone", "", Reachable(email=True, postal_address=True), EMAIL),
        ("phone", "", ONLY_POST, LETTER),
        ("phone", "", ALL, SMS),  # the channel's own still comes first
        ("visit", "", ALL, EMAIL),
        ("visit", "", Reachable(mobile=True, postal_address=True), SMS),
        ("visit", "", ONLY_POST, LETTER),
        ("social", "", ALL, EMAIL),
        ("social", "", ONLY_MOBILE, SMS),
        ("", "", ONLY_EMAIL, EMAIL),  # a standard of no channel (a complaint, a compliment)
        ("email", "", ONLY_MOBILE, SMS),
        ("email", "", ONLY_POST, LETTER),
        ("webform", "", ONLY_POST, LETTER),
        ("text", "", ONLY_EMAIL, EMAIL),
        ("text", "", ONLY_POST, LETTER),
        ("letter", "", ONLY_MOBILE, SMS),
        ("fax", "", ONLY_MOBILE, SMS),
        ("text", "", ONLY_FAX, FAX),
        # The same when a preference cannot be used: a preference for letters with no address.
        ("phone", "letter", ONLY_EMAIL, EMAIL),
        ("visit", "text", Reachable(email=True, postal_address=True), EMAIL),
        ("visit", "email", ONLY_POST, LETTER),
        # ... and a preference for the phone, which no message is.
        ("phone", "phone", ONLY_EMAIL, EMAIL),
        ("visit", "phone", ONLY_POST, LETTER),
        # Nothing to send by: the customer cannot be reached by any message.
        ("visit", "", NOTHING, None),
        ("phone", "", NOTHING, None),
        ("phone", "text", NOTHING, None),
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


@pytest.mark.parametrize(
    ("number", "expected", "dialled"),
    [
        ("01824 706000", True, "01824706000"),
        ("(01824) 706-000", True, "01824706000"),
        ("+44 1824 706000", True, "01824706000"),
        ("+44 (0)1824 706000", True, "01824706000"),
        ("0044 1824 706000", True, "01824706000"),
        ("029 2087 2087", True, "02920872087"),
        ("0300 123 4567", True, "03001234567"),
        ("0800 123 4567", True, "08001234567"),
        ("01387 12345", True, "0138712345"),  # ten digits: some areas still have them
        ("07700 900123", False, "07700900123"),  # a mobile takes no fax
        ("0909 123 4567", False, "09091234567"),  # premium rate
        ("01824 7060", False, None),  # too short
        ("01824 7060001", False, "018247060001"),  # a digit too many
        ("01824 706000 ext 2", False, None),  # words
        ("fax me", False, None),
        ("", False, ""),
    ],
)
def test_a_fax_number(number, expected, dialled):
    assert is_fax_number(number) is expected
    if dialled is not None and expected:
        assert fax_digits(number) == dialled
