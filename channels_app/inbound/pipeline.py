"""The one inbound pipeline. Each channel's adapter (``mail``, ``texts``, ``social``,
``phone``) only turns its input into a ``NormalisedMessage``; ``inbound_accept`` does the rest,
the same way for every channel:

1. **seen before** (the same ``source_key``): nothing changes;
2. **routed**: a message for no known destination (an e-mail to no department mailbox) is
   quarantined;
3. **threaded**: a message answering an open case (a reference in the subject, a reply to one of
   its messages, the same sender on the same channel) is recorded and added to that case
   (``case_add_inbound``); an e-mail naming a case that does not come from one of its parties
   (``parties``) is not: it waits in quarantine, linked to the case, for staff to release;
4. otherwise a **new case** of the mailbox's service, or of ``CYSWLLT_INBOUND_SERVICE``
   (none: quarantined), through ``parse_details`` and ``case_create``, and recorded; from a
   councillor's or clerk's registered address, it is their enquiry (``contacts.members``);
5. its **attachments** are stored on the case, within the limits; refused files leave the case
   and quarantine the whole message, linked to it.

Whatever the rules refuse (a ``ServiceError`` from ``parse_details`` or ``case_create``) is
quarantined with the refusal as its detail, never answered with a 500.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.errors import ServiceError
from contacts.attachments import attachments_add
from contacts.channel_details import parse_details
from contacts.domain.lifecycle import OPEN
from contacts.members import case_submitter
from contacts.models import Case, CaseKind, Customer
from contacts.services import case_add_inbound, case_create

from ..models import Mailbox, QuarantineReason
from .mime import Attachment
from .parties import is_case_party
from .records import Outcome, Result, quarantine, record_message, seen_before, webhook_service

NO_INBOUND_SERVICE = "CYSWLLT_INBOUND_SERVICE names no service."
NOT_A_PARTY = (
    "Names case {reference}, but its sender is not the case's customer, the address that "
    "opened it, or the councillor or clerk who raised it."
)


@dataclass(frozen=True)
class ThreadHints:
    """How to find the open case a message answers, tried in this order: case ``references``
    (in an e-mail's subject); ``replies_to``, the source keys of earlier messages it answers;
    ``sender_field`` of the channel's details matching one of ``sender_forms`` (the ways the
    sender's number may be stored)."""

    references: tuple[str, ...] = ()
    replies_to: tuple[str, ...] = ()
    sender_field: str = ""
    sender_forms: tuple[str, ...] = ()
    #: An e-mail's sender: the case found by ``references`` or ``replies_to`` takes the
    #: message only when this is one of its parties' addresses (``parties.is_case_party``).
    party_address: str = ""


@dataclass(frozen=True)
class NormalisedMessage:
    """One inbound message, whatever its channel.

    ``source_key`` (``<channel>:<provider id>``) makes it idempotent. ``body`` is what the
    record of the message keeps; ``note`` what is added to an open case it answers (``body``
    unless given). ``details`` are the channel details of the case it would open (checked by
    ``parse_details``), with its ``summary``, ``description`` and ``language`` (the language of
    its words, which the customer's recorded preference overrides; ``None``: the case's
    default). ``customer`` finds the customer it comes from. ``mailbox`` is where it was
    delivered (its service receives it); ``unrouted`` says why an e-mail has none.
    ``record`` holds the channel's own fields of the record (subject, HTML body...). A
    message from the registered address of a councillor or clerk (``member_address``) opens
    their enquiry (``contacts.members``)."""

    channel: str
    source_key: str
    sender: str
    body: str
    received_at: datetime
    raw: bytes
    details: dict[str, Any]
    summary: str
    description: str = ""
    note: str | None = None
    language: str | None = None
    customer: Q | None = None
    #: The sender's e-mail address, by which a councillor or clerk is recognised (e-mail only).
    member_address: str = ""
    thread: ThreadHints = ThreadHints()
    attachments: tuple[Attachment, ...] = ()
    mailbox: Mailbox | None = None
    unrouted: str = ""
    record: dict[str, Any] = field(default_factory=dict)


def inbound_accept(message: NormalisedMessage, *, now: datetime | None = None) -> Outcome:
    """Accept one normalised message: a new case, an entry on an open case, nothing (seen
    before) or the quarantine."""
    now = now or timezone.now()
    earlier = seen_before(message.source_key)
    if earlier is not None:
        return Outcome(Result.DUPLICATE, case=earlier)
    if message.unrouted:
        return _quarantine(message, QuarantineReason.NO_SERVICE, message.unrouted, now)
    received_at = min(message.received_at, now)
    record = _record_of(message, received_at=received_at, now=now)
    # No savepoint of its own: the IMAP fetch gives each message one, and an API call is a
    # transaction by itself. case_create refuses before it writes, and writes in a savepoint
    # of its own.
    with transaction.atomic(savepoint=False):
        case = answered_case(message)
        party = message.thread.party_address
        if case is not None and party and not is_case_party(case, party):
            detail = NOT_A_PARTY.format(reference=case.reference)
            return _quarantine(message, QuarantineReason.SENDER_MISMATCH, detail, now, case)
        if case is not None:
            outcome = _add_to(case, message, record=record, received_at=received_at, now=now)
        else:
            outcome = _open_case(message, record=record, received_at=received_at, now=now)
        if outcome.case is not None and outcome.result in (Result.CREATED, Result.THREADED):
            _store_attachments(outcome.case, message, now=now)
        return outcome


def inbound_add_to_case(message: NormalisedMessage, case: Case, *, now: datetime) -> Outcome:
    """Add the message to ``case`` whoever sent it: staff releasing it from the quarantine
    (``release``) vouch for it. Once however often it is released."""
    received_at = min(message.received_at, now)
    record = _record_of(message, received_at=received_at, now=now)
    with transaction.atomic(savepoint=False):
        outcome = _add_to(case, message, record=record, received_at=received_at, now=now)
        if outcome.case is not None and outcome.result == Result.THREADED:
            _store_attachments(outcome.case, message, now=now)
        return outcome


def _record_of(
    message: NormalisedMessage, *, received_at: datetime, now: datetime
) -> dict[str, Any]:
    return {
        "channel": message.channel,
        "sender": message.sender,
        "body": message.body,
        "received_at": received_at,
        "created_at": now,
        **({"mailbox": message.mailbox} if message.mailbox else {}),
        **message.record,
    }


def answered_case(message: NormalisedMessage) -> Case | None:
    """The open case the message answers, by its thread hints, if any."""
    hints = message.thread
    open_cases = (
        Case.objects.filter(status__in=OPEN)
        .select_related("customer", "submitted_by")
        .order_by("-received_at")
    )
    if hints.references:
        case = open_cases.filter(reference__in=hints.references).first()
        if case is not None:
            return case
    if hints.replies_to:
        # Two queries, each reading its own unique index (an OR would scan the cases).
        case = (
            open_cases.filter(inbound_messages__source_key__in=hints.replies_to).first()
            or open_cases.filter(source_key__in=hints.replies_to).first()
        )
        if case is not None:
            return case
    if hints.sender_field and hints.sender_forms:
        lookup = {
            "channel": message.channel,
            f"channel_details__{hints.sender_field}__in": hints.sender_forms,
        }
        return open_cases.filter(**lookup).first()
    return None


def _add_to(
    case: Case,
    message: NormalisedMessage,
    *,
    record: dict[str, Any],
    received_at: datetime,
    now: datetime,
) -> Outcome:
    """Add the message to the open case it answers, once however often it arrives."""
    if not record_message(case=case, source_key=message.source_key, opened_case=False, **record):
        return Outcome(Result.DUPLICATE, case=seen_before(message.source_key))
    note = message.body if message.note is None else message.note
    case = case_add_inbound(case=case, text=note, received_at=received_at, now=now)
    return Outcome(Result.THREADED, case=case)


def _open_case(
    message: NormalisedMessage, *, record: dict[str, Any], received_at: datetime, now: datetime
) -> Outcome:
    service = message.mailbox.service if message.mailbox else webhook_service()
    if service is None:
        return _quarantine(message, QuarantineReason.NO_SERVICE, NO_INBOUND_SERVICE, now)
    customer = (
        Customer.objects.filter(message.customer).order_by("pk").first()
        if message.customer is not None
        else None
    )
    # The words' language is a guess: the customer's recorded preference wins over it.
    language = message.language
    if language is not None and customer is not None and customer.preferred_language:
        language = customer.preferred_language
    submitter = case_submitter(kind=CaseKind.ENQUIRY, addresses=[message.member_address])
    try:
        created = case_create(
            channel=message.channel,
            details=parse_details(message.channel, message.details),
            kind=submitter.kind,
            submitted_by=submitter.member,
            service=service,
            summary=message.summary,
            description=message.description,
            customer=customer,
            language=language,
            received_at=received_at,
            now=now,
        )
    except ValidationError as error:
        detail = ServiceError.of(error).reason()
        return _quarantine(message, QuarantineReason.REFUSED, detail, now)
    if not created.created:
        return Outcome(Result.DUPLICATE, case=created.case)
    record_message(
        case=created.case,
        source_key=message.source_key,
        opened_case=True,
        keyed_like_case=created.case.source_key == message.source_key,
        **record,
    )
    return Outcome(Result.CREATED, case=created.case)


def _store_attachments(case: Case, message: NormalisedMessage, *, now: datetime) -> None:
    """The message's files on the case, within the attachment limits. Refused files leave the
    case as it is and the whole message in quarantine, linked to the case."""
    if not message.attachments:
        return
    files = [
        SimpleUploadedFile(item.filename, item.data, content_type=item.content_type)
        for item in message.attachments
    ]
    try:
        with transaction.atomic():
            attachments_add(case=case, files=files, actor=None)
    except ValidationError as error:
        detail = "\n".join(error.messages)
        _quarantine(message, QuarantineReason.ATTACHMENT_REFUSED, detail, now, case=case)


def _quarantine(
    message: NormalisedMessage, reason: str, detail: str, now: datetime, case: Case | None = None
) -> Outcome:
    return quarantine(
        channel=message.channel,
        reason=reason,
        detail=detail,
        raw=message.raw,
        received_at=now,
        mailbox=message.mailbox,
        case=case,
    )
