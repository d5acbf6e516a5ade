"""In which language, and by which method, the council answers a contact (SPEC §5).

Plain functions over plain values, so that every combination can be tested as a table.
"""

from dataclasses import dataclass
from enum import StrEnum


class ReplyLanguage(StrEnum):
    WELSH = "cy"
    ENGLISH = "en"
    BILINGUAL = "cy+en"  # Welsh first, then English


class ReplyMethod(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    LETTER = "letter"
    FAX = "fax"


def reply_language(*, contact_language: str, preference: str) -> ReplyLanguage:
    """The language of a message to one customer.

    Contact received in Welsh is answered in Welsh, whatever else is known; otherwise the
    customer's recorded preference decides, then the language the contact came in; when
    nothing is known the message is bilingual, Welsh first.
    """
    if contact_language == ReplyLanguage.WELSH:
        return ReplyLanguage.WELSH
    for known in (preference, contact_language):
        if known in (ReplyLanguage.WELSH, ReplyLanguage.ENGLISH):
            return ReplyLanguage(known)
    return ReplyLanguage.BILINGUAL


@dataclass(frozen=True)
class Reachable:
    """The ways the council can reach this customer by message."""

    email: bool = False
    mobile: bool = False
    postal_address: bool = False
    #: A fax number the contact came from (whether it is one is checked when sending).
    fax: bool = False


#: The method each channel answers by when the customer's preference cannot be used: e-mail
#: and web forms by e-mail, texts and voicemails (to a mobile) by text, post by letter, a fax by
#: fax ("faxing back … using the corporate template for faxes"). Reception visits, answered
#: calls and social media have no method of their own (they are answered in person or on the
#: platform): a message about them goes by whatever detail the customer gave.
CHANNEL_METHOD: dict[str, ReplyMethod] = {
    "email": ReplyMethod.EMAIL,
    "webform": ReplyMethod.EMAIL,
    "text": ReplyMethod.SMS,
    "phone": ReplyMethod.SMS,
    "letter": ReplyMethod.LETTER,
    "fax": ReplyMethod.FAX,
}

PREFERENCE_METHOD: dict[str, ReplyMethod] = {
    "email": ReplyMethod.EMAIL,
    "text": ReplyMethod.SMS,
    "letter": ReplyMethod.LETTER,
    "fax": ReplyMethod.FAX,
}


#: What a message falls back to when neither the customer's preference nor the channel's own
#: method can reach them: whatever contact detail they gave, quickest first (an e-mail arrives
#: at once and holds a full reply; a text is short; a letter takes days; a fax number is known
#: only from a fax).
FALLBACK_ORDER = (ReplyMethod.EMAIL, ReplyMethod.SMS, ReplyMethod.LETTER, ReplyMethod.FAX)


def reply_method(*, channel: str, preference: str, reachable: Reachable) -> ReplyMethod | None:
    """How to send a message about a contact, or ``None`` when no detail the customer gave can
    carry one.

    The customer's preferred method wins where it can reach them. Otherwise the channel's own:
    a fax is faxed back to the number it came from; a letter, or a fax with no number, is
    answered by e-mail when an address is known (quicker, and what most people who give one
    expect), else by post. Otherwise ("no preference", or one that cannot be used, on a
    channel with no method of its own or whose own cannot reach them: an answered call from a
    landline, a visit, a post on social media) whatever detail the customer gave, in
    ``FALLBACK_ORDER``.
    """
    preferred = PREFERENCE_METHOD.get(preference)
    if preferred is not None and _can_reach(preferred, reachable):
        return preferred
    own = CHANNEL_METHOD.get(channel)
    if own is ReplyMethod.FAX and reachable.fax:
        return own
    if own in (ReplyMethod.LETTER, ReplyMethod.FAX) and reachable.email:
        return ReplyMethod.EMAIL
    if own is ReplyMethod.FAX:
        own = ReplyMethod.LETTER
    if own is not None and _can_reach(own, reachable):
        return own
    return next((method for method in FALLBACK_ORDER if _can_reach(method, reachable)), None)


def _can_reach(method: ReplyMethod, reachable: Reachable) -> bool:
    return {
        ReplyMethod.EMAIL: reachable.email,
        ReplyMethod.SMS: reachable.mobile,
        ReplyMethod.LETTER: reachable.postal_address,
        ReplyMethod.FAX: reachable.fax,
    }[method]


def is_uk_mobile(number: str) -> bool:
    """A UK mobile number (07..., +447..., 00447...), which can receive texts."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    for prefix, length in (("07", 11), ("+447", 13), ("00447", 14)):
        if digits.startswith(prefix) and len(digits) == length:
            return True
    return False


#: UK numbers a fax can be sent to: geographic (01, 02), non-geographic (03) and freephone or
#: shared-cost (08), ten or eleven digits. Mobiles (07) and premium rates (09) take no faxes.
_FAX_PREFIXES = ("01", "02", "03", "08")


def fax_digits(number: str) -> str:
    """The number as the fax gateway dials it: digits only, in the national form (0…)."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    for international in ("+44", "0044"):
        if digits.startswith(international):
            digits = "0" + digits[len(international) :].removeprefix("0")
    return digits


def is_fax_number(number: str) -> bool:
    """A UK number a fax can be sent to (spaces, hyphens and brackets allowed, +44 too)."""
    if any(not (ch.isdigit() or ch in " +-()") for ch in number):
        return False
    digits = fax_digits(number)
    return digits.isdigit() and digits.startswith(_FAX_PREFIXES) and len(digits) in (10, 11)
