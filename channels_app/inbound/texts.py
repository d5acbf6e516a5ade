"""Inbound text messages (GOV.UK Notify's inbound-text callback, or another provider's): a
reply goes on the sender's open text case; anything else opens a text case, whose standard
promises a reply within 24 hours. A provider id seen before changes nothing."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from contacts.channel_details import parse_details
from contacts.domain.lifecycle import OPEN
from contacts.models import Case, Customer
from contacts.services import case_create
from standards.channels import Channel

from ..domain.language import detect_language
from ..models import QuarantineReason
from .records import (
    Outcome,
    Result,
    opened,
    quarantine,
    seen_before,
    summary_of,
    thread_onto,
    webhook_service,
)


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


def text_ingest(*, message: InboundText, now: datetime | None = None) -> Outcome:
    now = now or timezone.now()
    source_key = f"{Channel.TEXT}:{message.provider_id}"
    earlier = seen_before(source_key)
    if earlier is not None:
        return Outcome(Result.DUPLICATE, case=earlier)
    number = normalise_number(message.from_number)
    received_at = min(message.received_at, now)
    record = {
        "channel": Channel.TEXT,
        "sender": number,
        "body": message.text,
        "received_at": received_at,
        "created_at": now,
    }
    with transaction.atomic():
        open_case = (
            Case.objects.filter(
                channel=Channel.TEXT,
                channel_details__from_number__in=number_forms(number),
                status__in=OPEN,
            )
            .order_by("-received_at")
            .first()
        )
        if open_case is not None:
            return thread_onto(
                open_case,
                source_key=source_key,
                record=record,
                text=message.text,
                received_at=received_at,
                now=now,
            )
        service = webhook_service()
        if service is None:
            return quarantine(
                channel=Channel.TEXT,
                reason=QuarantineReason.NO_SERVICE,
                detail="CYSWLLT_INBOUND_SERVICE names no service.",
                raw=message.raw,
                received_at=now,
            )
        customer = Customer.objects.filter(phone__in=number_forms(number)).order_by("pk").first()
        try:
            details = parse_details(
                Channel.TEXT, {"from_number": number, "message_id": message.provider_id}
            )
            with transaction.atomic():
                created = case_create(
                    channel=Channel.TEXT,
                    details=details,
                    kind="enquiry",
                    service=service,
                    summary=summary_of(message.text, _("Text message")),
                    description=message.text,
                    customer=customer,
                    language=(customer.preferred_language if customer else "")
                    or detect_language(message.text),
                    received_at=received_at,
                    now=now,
                )
        except (ValidationError, serializers.ValidationError) as error:
            return quarantine(
                channel=Channel.TEXT,
                reason=QuarantineReason.REFUSED,
                detail=str(getattr(error, "detail", None) or error),
                raw=message.raw,
                received_at=now,
            )
        return opened(created, source_key=source_key, record=record)
