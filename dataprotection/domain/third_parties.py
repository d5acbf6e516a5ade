"""Other people's personal data in what a subject access export would release, listed for
the officer's redaction review before it goes (docs/adr/0031). Pure: texts in, findings out.

What is found: e-mail addresses and telephone numbers written in the free texts (a case's
description, a note, a message) that are not the requester's own, and the names given for
other people in the records' own fields (a complaint made on someone's behalf, the councillor
who raised an enquiry). Names written in free text cannot be told from other words reliably,
so the officer reads the texts themselves; the list says which records have free text.
Staff names are not listed: officers acting for the council are named in what they did
(the ICO's guidance on staff acting in an official capacity)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

EMAIL = "email"
PHONE = "phone"
NAME = "name"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A UK number as people write it: 0 or +44 then 9 or 10 more digits, spaces, dots or dashes
# between them, and not part of a longer run of digits (a case reference, an amount).
_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?|0)(?:[\s.-]?\d){9,10}(?!\d)")
MIN_PHONE_DIGITS = 10


@dataclass(frozen=True)
class Text:
    """One text of the export: where it is (a case's reference) and which of its texts
    (``field``, a key the page words in the reader's language)."""

    where: str
    text: str
    field: str = ""


@dataclass(frozen=True)
class Finding:
    kind: str  # EMAIL, PHONE or NAME
    value: str
    where: str
    field: str = ""


def phone_digits(value: str) -> str:
    """A number as its national digits: +44 20 ... and 020 ... are one number."""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return digits


def third_parties(
    texts: Iterable[Text],
    *,
    own_emails: Iterable[str],
    own_phones: Iterable[str],
    named: Iterable[Text] = (),
) -> list[Finding]:
    """Each other person's e-mail address or telephone number once per place it is written,
    in the order found, then the names ``named`` gives (its texts are names, not prose)."""
    emails = {email.strip().lower() for email in own_emails if email.strip()}
    phones = {phone_digits(phone) for phone in own_phones if phone.strip()}
    found: list[Finding] = []
    for item in texts:
        for match in _EMAIL.findall(item.text):
            finding = Finding(EMAIL, match, item.where, item.field)
            if match.lower() not in emails and finding not in found:
                found.append(finding)
        for match in _PHONE.finditer(item.text):
            value = match.group(0).strip()
            digits = phone_digits(value)
            finding = Finding(PHONE, value, item.where, item.field)
            if len(digits) >= MIN_PHONE_DIGITS and digits not in phones and finding not in found:
                found.append(finding)
    for item in named:
        if item.text.strip():
            found.append(Finding(NAME, item.text.strip(), item.where, item.field))
    return found
