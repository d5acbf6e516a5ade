"""Inbound text messages (GOV.UK Notify's inbound-text callback, or another provider's): a
reply goes on the sender's open text case; anything else opens a text case, whose standard
promises a reply within 24 hours. A provider id seen before changes nothing."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from standards.channels import Channel

from ..domain.language import detect_language
from .pipeline import NormalisedMessage, ThreadHints, inbound_accept
from .records import Outcome, summary_of


@dataclass(frozen=True)
class InboundText:
    provider_id: str
    from_number: str
    to_number: str
    text: str
    received_at: datetime
    raw: bytes  # the request as it came, for the quarantine


def normalise_number(number: str) -> str:
    """A sender's number as we store it: Notify's ``447700900123`` becomes ``+447700900123``;
    national numbers (``07700 900123``) are kept as written, without spaces."""
    digits = "".join(ch for ch in number.strip() if ch.isdigit() or ch == "+")
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("44") and not digits.startswith("+"):
        return "+" + digits
    return digits


def number_forms(number: str) -> list[str]:
    """The ways the same UK mobile may be stored: +447..., 07..."""
    forms = [number]
    if number.startswith("+44"):
        forms.append("0" + number[3:])
    elif number.startswith("0"):
        forms.append("+44" + number[1:])
    return forms


def text_normalise(message: InboundText) -> NormalisedMessage:
    number = normalise_number(message.from_number)
    return NormalisedMessage(
        channel=Channel.TEXT,
        source_key=f"{Channel.TEXT}:{message.provider_id}",
        sender=number,
        body=message.text,
        received_at=message.received_at,
        raw=message.raw,
        details={"from_number": number, "message_id": message.provider_id},
        summary=summary_of(message.text, _("Text message")),
        description=message.text,
        language=detect_language(message.text),
        customer=Q(phone__in=number_forms(number)),
        thread=ThreadHints(sender_field="from_number", sender_forms=tuple(number_forms(number))),
    )


def text_ingest(*, message: InboundText, now: datetime | None = None) -> Outcome:
    return inbound_accept(text_normalise(message), now=now)
