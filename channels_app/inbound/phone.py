"""Events from the telephony system: an answered call or a voicemail opens a phone case (a
voicemail with the standard's acknowledgement by the end of the following working day); a
missed call goes on the caller's open phone case, or opens one for an advisor to call back.
A call id seen before changes nothing."""

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
from standards.channels import Channel, PhoneContact

from ..models import QuarantineReason
from .records import Outcome, Result, opened, quarantine, seen_before, thread_onto, webhook_service
from .texts import normalise_number, number_forms


class PhoneEventKind:
    ANSWERED = "answered"
    MISSED = "missed"
    VOICEMAIL = "voicemail"
    ALL = (ANSWERED, MISSED, VOICEMAIL)


@dataclass(frozen=True)
class PhoneEvent:
    call_id: str
    event: str
    caller_number: str
    received_at: datetime
    recording_url: str
    raw: bytes


def phone_event_ingest(*, event: PhoneEvent, now: datetime | None = None) -> Outcome:
    now = now or timezone.now()
    # A missed call and the voicemail left after it are two events of one call.
    call_key = f"{event.call_id}:missed" if event.event == PhoneEventKind.MISSED else event.call_id
    source_key = f"{Channel.PHONE}:{call_key}"
    earlier = seen_before(source_key)
    if earlier is not None:
        return Outcome(Result.DUPLICATE, case=earlier)
    number = normalise_number(event.caller_number) if event.caller_number else ""
    received_at = min(event.received_at, now)
    record = {
        "channel": Channel.PHONE,
        "sender": number,
        "body": event.recording_url,
        "received_at": received_at,
        "created_at": now,
    }
    with transaction.atomic():
        if event.event == PhoneEventKind.MISSED and number:
            open_case = (
                Case.objects.filter(
                    channel=Channel.PHONE,
                    channel_details__caller_number__in=number_forms(number),
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
                    text=_("Missed call from %(number)s.") % {"number": number},
                    received_at=received_at,
                    now=now,
                )
        service = webhook_service()
        if service is None:
            return quarantine(
                channel=Channel.PHONE,
                reason=QuarantineReason.NO_SERVICE,
                detail="CYSWLLT_INBOUND_SERVICE names no service.",
                raw=event.raw,
                received_at=now,
            )
        voicemail = event.event == PhoneEventKind.VOICEMAIL
        raw_details = {
            # The catalogue has no standard for a missed call: like an answered call, it is
            # logged with no deadline, for an advisor to call back.
            "contact_type": PhoneContact.VOICEMAIL if voicemail else PhoneContact.ANSWERED,
            "caller_number": number,
            "call_id": call_key,
        }
        if event.recording_url:
            raw_details["recording_url"] = event.recording_url
        summary = {
            PhoneEventKind.ANSWERED: _("Call from %(number)s"),
            PhoneEventKind.MISSED: _("Missed call from %(number)s"),
            PhoneEventKind.VOICEMAIL: _("Voicemail from %(number)s"),
        }[event.event] % {"number": number or _("an unknown number")}
        customer = (
            Customer.objects.filter(phone__in=number_forms(number)).order_by("pk").first()
            if number
            else None
        )
        try:
            details = parse_details(Channel.PHONE, raw_details)
            with transaction.atomic():
                created = case_create(
                    channel=Channel.PHONE,
                    details=details,
                    kind="enquiry",
                    service=service,
                    summary=summary,
                    customer=customer,
                    received_at=received_at,
                    now=now,
                )
        except (ValidationError, serializers.ValidationError) as error:
            return quarantine(
                channel=Channel.PHONE,
                reason=QuarantineReason.REFUSED,
                detail=str(getattr(error, "detail", None) or error),
                raw=event.raw,
                received_at=now,
            )
        return opened(created, source_key=source_key, record=record)
