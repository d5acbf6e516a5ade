"""What proves to the public status look-up that a case is the visitor's own: the e-mail
address or telephone number the resident gave with it, written however they like.

Plain Python (no Django): the normal forms and the comparison. A postcode is not proof: it is
printed on every letter to the house and shared by the neighbours.
"""

import hmac
import re

#: Fewer digits than this is not a telephone number (and would be easy to guess).
MIN_PHONE_DIGITS = 6


def email_key(value: str) -> str:
    """An e-mail address as residents mean it: case does not matter."""
    return value.strip().casefold()


def phone_key(value: str) -> str:
    """A telephone number's digits, a UK number in its national form: "+44 (0)1234 567890",
    "0044 1234 567890" and "01234-567890" are the same number."""
    text = value.strip()
    digits = re.sub(r"\D", "", text)
    international = text.startswith("+") or digits.startswith("00")
    digits = digits.lstrip("0") if digits.startswith("00") else digits
    if international and digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")  # "+44 (0)1234" has its 0 twice
    return digits


def _same(given: str, stored: str) -> bool:
    # In constant time, so that how long an answer takes says nothing of how close a guess was.
    return hmac.compare_digest(given.encode(), stored.encode())


def proves(*, given: str, email: str, phone: str) -> bool:
    """Whether ``given`` is the e-mail address ``email`` or the number ``phone`` (either may
    be empty: nothing then matches it)."""
    given = given.strip()
    if "@" in given:
        stored = email_key(email)
        return bool(stored) and _same(email_key(given), stored)
    stored = phone_key(phone)
    return len(stored) >= MIN_PHONE_DIGITS and _same(phone_key(given), stored)
