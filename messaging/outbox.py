"""Owing a message: the outbox row is written in the caller's transaction and a worker is asked,
once it commits, to deliver it (``messaging.delivery``).

Acknowledgements are rendered by the worker, so that creating a case stays cheap; every other
message is rendered here, so that an officer's action fails at once when it cannot be sent and
the text is fixed when the officer writes it.
"""

import uuid
from datetime import date, datetime
from typing import Literal, overload

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Absence
from common.bulk import text_joined
from common.errors import ServiceError
from contacts.event_payloads import time_parse
from contacts.models import EventKind
from contacts.satisfaction_links import satisfaction_url
from standards.selectors import case_rules, case_rules_version

from .domain.replies import ReplyMethod, is_fax_number
from .messages import (
    FULL_RESPONSE_KINDS,
    Message,
    Plan,
    compose,
    format_date,
    has_template,
    message_plan,
)
from .models import DeliveryState, Method, OutboundMessage, Purpose
from .tasks import delivery_ask

#: Methods with a delivery backend (``messaging.backends``).
DELIVERABLE = frozenset({ReplyMethod.EMAIL, ReplyMethod.SMS, ReplyMethod.LETTER, ReplyMethod.FAX})


def _owe(
    *,
    key: str,
    case,
    purpose: str,
    plan: Plan,
    now: datetime,
    author=None,
    rendered: Message | None = None,
    fresh: bool = False,
) -> OutboundMessage:
    """Write the message owed and ask a worker for it. A ``key`` seen before returns the
    message already owed; ``fresh`` says the key cannot have been seen (it names a case made
    in this transaction), which spares the look-up."""
    fields = _fields(
        case=case, purpose=purpose, plan=plan, now=now, author=author, rendered=rendered
    )
    if fresh:
        message, created = OutboundMessage.objects.create(key=key, **fields), True
    else:
        message, created = OutboundMessage.objects.get_or_create(key=key, defaults=fields)
    if created:
        delivery_ask()
    return message


def _fields(
    *, case, purpose: str, plan: Plan, now: datetime, author=None, rendered: Message | None = None
) -> dict:
    """The outbox row's values for a message owed now."""
    return {
        "case": case,
        "purpose": purpose,
        "method": plan.method,
        "language": plan.language,
        "recipient": plan.recipient,
        "subject": rendered.subject if rendered else "",
        "body": rendered.body if rendered else "",
        "author": author,
        "large_print": plan.method == ReplyMethod.LETTER
        and bool(case.customer and case.customer.large_print),
        "state": DeliveryState.QUEUED,
        "next_attempt_at": now,
        "created_at": now,
    }


def _automatic_allowed(case, plan: Plan | None, *, purpose: str, rules_version: str | None) -> bool:
    """Whether an automatic message is owed: never in answer to automatic mail, and only where
    a template says it. Not too often to one address is decided where it is sent
    (``messaging.flood``), so that recording a contact counts nothing."""
    if plan is None or plan.method not in DELIVERABLE or _not_a_fax_number(plan):
        return False
    if (case.channel_details or {}).get("automatic"):
        return False
    # Standards that promise no acknowledgement (a compliment, an e-mail to a named officer)
    # have no template for it: nothing is owed.
    return has_template(
        standard_id=case.standard_id,
        purpose=purpose,
        method=plan.method,
        version=rules_version or case_rules_version(),
    )


def acknowledgement_owed(
    rows: list, /, *, case, now: datetime, rules_version: str | None = None
) -> list:
    """``rows`` and the acknowledgement a new ``case`` owes its customer, unsaved: the case's
    own statement writes it (``contacts.hooks.case_rows_owed``), so that the case and the
    message it owes are stored together or not at all, and a worker is asked once they commit.
    Keyed by the case's reference, which the same statement works out (``common.bulk``)."""
    plan = message_plan(case)
    if not _automatic_allowed(
        case, plan, purpose=Purpose.ACKNOWLEDGEMENT, rules_version=rules_version
    ):
        return rows
    assert plan is not None
    message = OutboundMessage(
        key=text_joined("case:", case.reference, ":acknowledgement"),
        **_fields(case=case, purpose=Purpose.ACKNOWLEDGEMENT, plan=plan, now=now),
    )
    delivery_ask()
    return [*rows, message]


def absence_of_addressee(case) -> Absence | None:
    """The absence of the officer an e-mailed contact was addressed to, on the day it came."""
    details = case.channel_details or {}
    # Mail to a department mailbox is never to one officer: no look-up for it.
    if case.channel != "email" or details.get("contact_type") != "officer":
        return None
    day = timezone.localdate(case.received_at)
    return (
        Absence.objects.filter(
            user__email__iexact=details["to_address"],
            user__is_active=True,
            starts_on__lte=day,
            ends_on__gte=day,
        )
        .select_related("user", "cover")
        .order_by("-ends_on")
        .first()
    )


def alternative_contact(absence: Absence) -> str:
    """Who to contact while the officer is away: the colleague covering, and the urgent
    contact the officer left."""
    parts = []
    if absence.cover is not None:
        cover = absence.cover
        name = cover.get_full_name() or cover.get_username()
        parts.append(", ".join(part for part in (name, cover.email, cover.phone) if part))
    if absence.urgent_contact:
        parts.append(absence.urgent_contact)
    return "; ".join(parts)


def out_of_office_queue(*, case, now: datetime) -> OutboundMessage | None:
    """An e-mail addressed to an officer who is away gets a reply saying when they are back
    and whom to contact if it is urgent."""
    absence = absence_of_addressee(case)
    if absence is None:
        return None
    plan = message_plan(case)
    if plan is None or not _automatic_allowed(
        case, plan, purpose=Purpose.OUT_OF_OFFICE, rules_version=None
    ):
        return None
    back = case_rules().calendar.next_working_day(absence.ends_on)
    officer = absence.user
    extra = {
        code: {
            "officer_name": officer.get_full_name() or officer.get_username(),
            "return_date": _format_day(back, code),
            "alternative_contact": alternative_contact(absence),
        }
        for code in ("cy", "en")
    }
    rendered = compose(case, plan, purpose=Purpose.OUT_OF_OFFICE, author=officer, extra=extra)
    return _owe(
        key=f"case:{case.pk}:out-of-office",
        case=case,
        purpose=Purpose.OUT_OF_OFFICE,
        plan=plan,
        now=now,
        author=officer,
        rendered=rendered,
        fresh=True,
    )


def _not_a_fax_number(plan: Plan) -> bool:
    return plan.method is ReplyMethod.FAX and not is_fax_number(plan.recipient)


def _format_day(day: date, code: str) -> str:
    with translation.override(code):
        return date_format(day, "l j F Y")


@overload
def _officer_message(
    *, key: str, case, purpose: str, author, now: datetime, extra: dict, required: Literal[True]
) -> OutboundMessage: ...
@overload
def _officer_message(
    *, key: str, case, purpose: str, author, now: datetime, extra: dict, required: bool
) -> OutboundMessage | None: ...
def _officer_message(
    *, key: str, case, purpose: str, author, now: datetime, extra: dict, required: bool
) -> OutboundMessage | None:
    # A required message is owed or refused with the reason: never ``None``.
    plan = message_plan(case)
    if plan is None or plan.method not in DELIVERABLE:
        if required:
            raise ServiceError(
                {
                    "customer": _(
                        "We have no e-mail address, mobile number or postal address for this "
                        "customer, so nothing can be sent. Phone them and record the call on "
                        "the case, or add an e-mail address, mobile number or postal address to "
                        "their customer record."
                    )
                }
            )
        return None
    if _not_a_fax_number(plan):
        if required:
            raise ServiceError(
                {
                    "fax": _(
                        "“%(number)s” is not a fax number, so nothing was sent. Record the "
                        "customer's fax number, e-mail address or postal address, then try again."
                    )
                    % {"number": plan.recipient}
                }
            )
        return None
    rendered = compose(case, plan, purpose=purpose, author=author, extra=extra)
    if rendered is None:
        if required:
            raise ServiceError(
                {
                    "method": _("There is no wording for this message by %(method)s.")
                    % {"method": Method(plan.method).label}
                }
            )
        return None
    return _owe(
        key=key, case=case, purpose=purpose, plan=plan, now=now, author=author, rendered=rendered
    )


def reply_queue(
    *, case, author, text: str, now: datetime, idempotency_key: str = ""
) -> OutboundMessage:
    """An officer's reply to the customer, in the customer's language and way of contact.

    A client that may send the same reply twice (a double click, a retried request) gives the
    same ``idempotency_key`` and gets the first message back."""
    if not text.strip():
        raise ServiceError({"text": _("Write the reply.")})
    key = f"case:{case.pk}:reply:{idempotency_key or uuid.uuid4().hex}"
    return _officer_message(
        key=key,
        case=case,
        purpose=Purpose.REPLY,
        author=author,
        now=now,
        extra={code: {"message": text.strip()} for code in ("cy", "en")},
        required=True,
    )


def confirmation_queue(
    *, case, author, due: datetime, now: datetime, idempotency_key: str = ""
) -> OutboundMessage:
    """Tell the customer who is dealing with their enquiry — the case's owner, and its team or
    service — and when the full response will come (``due``), by their method and language."""
    owner = case.owner
    officer = (owner.get_full_name() or owner.get_username()) if owner else ""
    message = _officer_message(
        key=f"case:{case.pk}:confirmation:{idempotency_key or uuid.uuid4().hex}",
        case=case,
        purpose=Purpose.CONFIRMATION,
        author=author,
        now=now,
        extra={
            code: {"officer": officer, "due_date": format_date(due, code)} for code in ("cy", "en")
        },
        required=True,
    )
    if message is None:  # a required message is refused, never skipped
        raise ServiceError({"method": _("The message could not be written.")})
    return message


def extension_notice_queue(*, case, milestone, author, now: datetime) -> OutboundMessage | None:
    """Tell the customer the full answer will come later than promised: why, and when.

    Only deadlines the customer was told of are announced; a customer who cannot be reached
    is not, and the extension stands."""
    if milestone.kind not in FULL_RESPONSE_KINDS:
        return None
    return _officer_message(
        key=f"milestone:{milestone.pk}:extension:{milestone.revision}",
        case=case,
        purpose=Purpose.EXTENSION,
        author=author,
        now=now,
        extra={
            code: {
                "reason": milestone.extension_reason,
                "new_due_date": format_date(milestone.due_at, code),
            }
            for code in ("cy", "en")
        },
        required=False,
    )


def resolution_queue(*, case, author, text: str, now: datetime) -> OutboundMessage:
    """Tell the customer what was done. Each resolution of a reopened case sends its own."""
    if not text.strip():
        raise ServiceError({"message": _("Write what was done for the customer.")})
    return _officer_message(
        key=f"case:{case.pk}:resolution:{case.reopened_count}",
        case=case,
        purpose=Purpose.RESOLUTION,
        author=author,
        now=now,
        extra={
            code: {
                "message": text.strip(),
                "satisfaction_link": satisfaction_url(case_id=case.pk, language=code),
            }
            for code in ("cy", "en")
        },
        required=True,
    )


def callback_notice_queue(
    *, case, milestone, agreed: bool, author, now: datetime
) -> OutboundMessage | None:
    """Tell a caller whose voicemail was acknowledged when they will be called back: at the time
    agreed, or by the end of the day. A caller who cannot be reached by message (a landline
    only) is not, and the acknowledgement stands."""
    local = timezone.localtime(milestone.due_at)
    return _officer_message(
        key=f"milestone:{milestone.pk}:callback:{milestone.revision}",
        case=case,
        purpose=Purpose.CALLBACK,
        author=author,
        now=now,
        extra={
            code: {
                "callback_date": format_date(milestone.due_at, code),
                "callback_time": local.strftime("%H:%M") if agreed else "",
            }
            for code in ("cy", "en")
        },
        required=False,
    )


def _clock(moment: datetime, code: str) -> str:
    with translation.override(code):
        return date_format(timezone.localtime(moment), "H:i")


def _moment(moment: datetime, code: str) -> str:
    with translation.override(code):
        return _("%(date)s at %(time)s") % {
            "date": format_date(moment, code),
            "time": _clock(moment, code),
        }


def _appointment_values(event, code: str) -> dict[str, str]:
    payload = event.payload
    if event.kind == EventKind.RUNNING_LATE:
        booked = time_parse(payload["booked_at"])
        expected = time_parse(payload["expected_at"])
        assert booked is not None and expected is not None
        return {
            "reason": event.text,
            "minutes": str(payload["minutes"]),
            "appointment_date": format_date(booked, code),
            "appointment_time": _clock(booked, code),
            "expected_time": _clock(expected, code),
        }
    previous, new = time_parse(payload["previous_at"]), time_parse(payload["at"])
    assert previous is not None and new is not None
    return {
        "reason": event.text,
        "previous_time": _moment(previous, code),
        "new_time": _moment(new, code),
    }


#: The notice each appointment change owes the customer.
APPOINTMENT_PURPOSES = {
    EventKind.RUNNING_LATE: Purpose.RUNNING_LATE,
    EventKind.REBOOKED: Purpose.REBOOKED,
}


def appointment_notice_queue(*, case, event, author, now: datetime) -> OutboundMessage | None:
    """Tell the customer their appointment or visit is running late (how long, why, and when
    the officer will be there) or has been moved (an apology, why, and the new date and time),
    in their language by their method. ``None`` when nothing reaches them in time (no address,
    or a method with no wording for it: a letter would come after a delay it announces), so
    staff phone them instead; the change stands either way."""
    purpose = APPOINTMENT_PURPOSES[EventKind(event.kind)]
    return _officer_message(
        key=f"event:{event.pk}:{purpose}",
        case=case,
        purpose=purpose,
        author=author,
        now=now,
        extra={code: _appointment_values(event, code) for code in ("cy", "en")},
        required=False,
    )
