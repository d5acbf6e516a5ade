"""Events from the telephony system: an answered call or a voicemail opens a phone case (a
voicemail with the standard's acknowledgement by the end of the following working day); a
missed call goes on the caller's open phone case, or opens one for an advisor to call back.
A call id seen before changes nothing."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from standards.channels import Channel, PhoneContact

from .pipeline import NormalisedMessage, ThreadHints, inbound_accept
from .records import Outcome
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


def phone_event_normalise(event: PhoneEvent) -> NormalisedMessage:
    # A missed call and the voicemail left after it are two events of one call.
    call_key = f"{event.call_id}:missed" if event.event == PhoneEventKind.MISSED else event.call_id
    number = normalise_number(event.caller_number) if event.caller_number else ""
    details = {
        # The catalogue has no standard for a missed call: like an answered call, it is logged
        # with no deadline, for an advisor to call back.
        "contact_type": (
            PhoneContact.VOICEMAIL
            if event.event == PhoneEventKind.VOICEMAIL
            else PhoneContact.ANSWERED
        ),
        "caller_number": number,
        "call_id": call_key,
    }
    if event.recording_url:
        details["recording_url"] = event.recording_url
    summary = {
        PhoneEventKind.ANSWERED: _("Call from %(number)s"),
        PhoneEventKind.MISSED: _("Missed call from %(number)s"),
        PhoneEventKind.VOICEMAIL: _("Voicemail from %(number)s"),
    }[event.event] % {"number": number or _("an unknown number")}
    missed = event.event == PhoneEventKind.MISSED and number
    return NormalisedMessage(
        channel=Channel.PHONE,
        source_key=f"{Channel.PHONE}:{call_key}",
        sender=number,
        body=event.recording_url,
        note=_("Missed call from %(number)s.") % {"number": number} if missed else None,
        received_at=event.received_at,
        raw=event.raw,
        details=details,
        summary=summary,
        customer=Q(phone__in=number_forms(number)) if number else None,
        thread=(
            ThreadHints(sender_field="caller_number", sender_forms=tuple(number_forms(number)))
            if missed
            else ThreadHints()
        ),
    )


def phone_event_ingest(*, event: PhoneEvent, now: datetime | None = None) -> Outcome:
    return inbound_accept(phone_event_normalise(event), now=now)
