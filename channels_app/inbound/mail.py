"""Department mailboxes: an e-mail (raw MIME, fetched over IMAP or pushed to the API) becomes a
case of the mailbox's service, or goes on the case it answers.

- The same Message-ID twice makes one case (or one entry on the case it answers).
- A case reference in the subject, or In-Reply-To/References naming an earlier message of an
  open case, adds the message to that case instead of opening a new one.
- Auto-replies, bounces and list mail are recorded (``details.automatic``) but not
  acknowledged (``messaging.outbox``).
- What cannot be read, has no mailbox, or carries attachments we refuse is quarantined whole
  for staff review; the readable part of the last still makes its case.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from contacts.attachments import attachments_add
from contacts.channel_details import parse_details
from contacts.domain.lifecycle import OPEN
from contacts.models import Case, Customer
from contacts.services import case_add_inbound, case_create
from standards.channels import Channel, EmailContact

from ..domain.language import detect_language
from ..domain.threading import references_in
from ..models import Mailbox, QuarantineReason
from .mime import MimeError, ParsedEmail, parse_email
from .records import Outcome, Result, quarantine, record_message, seen_before, summary_of

log = logging.getLogger(__name__)

_MIME_REASONS = {"too_large": QuarantineReason.TOO_LARGE, "malformed": QuarantineReason.MALFORMED}


def max_email_bytes() -> int:
    return settings.CYSWLLT["INBOUND_EMAIL_MAX_BYTES"]


def mailbox_for(recipients: tuple[str, ...]) -> Mailbox | None:
    if not recipients:
        return None
    mailboxes = {m.address.lower(): m for m in Mailbox.objects.filter(address__in=recipients)}
    return next((mailboxes[a] for a in recipients if a in mailboxes), None)


def email_ingest(
    *, raw: bytes, mailbox: Mailbox | None = None, now: datetime | None = None
) -> Outcome:
    """Accept one e-mail. ``mailbox`` is where it was fetched from; for mail pushed to the API
    it is found from the recipients."""
    now = now or timezone.now()
    try:
        parsed = parse_email(raw, max_bytes=max_email_bytes())
    except MimeError as error:
        return quarantine(
            channel=Channel.EMAIL,
            reason=_MIME_REASONS[error.code],
            detail=error.detail,
            raw=raw,
            received_at=now,
            mailbox=mailbox,
        )
    source_key = f"{Channel.EMAIL}:{parsed.message_id}"
    earlier = seen_before(source_key)
    if earlier is not None:
        return Outcome(Result.DUPLICATE, case=earlier)
    mailbox = mailbox or mailbox_for(parsed.recipients)
    if mailbox is None:
        return quarantine(
            channel=Channel.EMAIL,
            reason=QuarantineReason.NO_SERVICE,
            detail=f"No department mailbox among {', '.join(parsed.recipients) or '(none)'}.",
            raw=raw,
            received_at=now,
        )
    case = _answered_case(parsed)
    # No savepoint of its own: the IMAP fetch gives each message one, and the API call is a
    # transaction by itself.
    with transaction.atomic(savepoint=False):
        if case is not None:
            return _add_to(case, parsed, raw=raw, mailbox=mailbox, source_key=source_key, now=now)
        return _open_case(parsed, raw=raw, mailbox=mailbox, source_key=source_key, now=now)


def _answered_case(parsed: ParsedEmail) -> Case | None:
    """The open case this message answers, by the reference in its subject or the messages it
    replies to."""
    references = references_in(parsed.subject, prefix=settings.CYSWLLT["REFERENCE_PREFIX"])
    if references:
        case = (
            Case.objects.filter(reference__in=references, status__in=OPEN)
            .order_by("-received_at")
            .first()
        )
        if case is not None:
            return case
    if parsed.replies_to:
        keys = [f"{Channel.EMAIL}:{message_id}" for message_id in parsed.replies_to]
        return (
            Case.objects.filter(inbound_messages__source_key__in=keys, status__in=OPEN)
            .order_by("-received_at")
            .first()
        )
    return None


def _record_fields(parsed: ParsedEmail, mailbox: Mailbox, now: datetime) -> dict:
    return {
        "channel": Channel.EMAIL,
        "sender": parsed.from_address,
        "subject": parsed.subject,
        "body": parsed.text,
        "body_html": parsed.html,
        "automatic": parsed.automatic,
        "mailbox": mailbox,
        "received_at": now,
        "created_at": now,
    }


def _add_to(
    case: Case, parsed: ParsedEmail, *, raw: bytes, mailbox: Mailbox, source_key: str, now
) -> Outcome:
    if not record_message(
        case=case, source_key=source_key, opened_case=False, **_record_fields(parsed, mailbox, now)
    ):
        return Outcome(Result.DUPLICATE, case=seen_before(source_key))
    text = parsed.text or parsed.subject
    case = case_add_inbound(case=case, text=text, received_at=now, now=now)
    _store_attachments(case, parsed, raw=raw, mailbox=mailbox, now=now)
    return Outcome(Result.THREADED, case=case)


def _open_case(
    parsed: ParsedEmail, *, raw: bytes, mailbox: Mailbox, source_key: str, now
) -> Outcome:
    customer = Customer.objects.filter(email__iexact=parsed.from_address).order_by("pk").first()
    language = (customer.preferred_language if customer else "") or detect_language(
        f"{parsed.subject}\n{parsed.text}"
    )
    try:
        details = parse_details(
            Channel.EMAIL,
            {
                "contact_type": EmailContact.DEPARTMENT,
                "from_address": parsed.from_address,
                "to_address": mailbox.address,
                "subject": parsed.subject,
                "message_id": parsed.message_id,
                "automatic": parsed.automatic,
            },
        )
        # case_create refuses before it writes, and writes in a savepoint of its own.
        created = case_create(
            channel=Channel.EMAIL,
            details=details,
            kind="enquiry",
            service=mailbox.service,
            summary=summary_of(parsed.subject, _("E-mail without a subject")),
            description=parsed.text,
            customer=customer,
            language=language,
            received_at=now,
            now=now,
        )
    except (ValidationError, serializers.ValidationError) as error:
        return quarantine(
            channel=Channel.EMAIL,
            reason=QuarantineReason.REFUSED,
            detail=str(getattr(error, "detail", None) or error),
            raw=raw,
            received_at=now,
            mailbox=mailbox,
        )
    if not created.created:
        return Outcome(Result.DUPLICATE, case=created.case)
    record_message(
        case=created.case,
        source_key=source_key,
        opened_case=True,
        keyed_like_case=created.case.source_key == source_key,
        **_record_fields(parsed, mailbox, now),
    )
    _store_attachments(created.case, parsed, raw=raw, mailbox=mailbox, now=now)
    return Outcome(Result.CREATED, case=created.case)


def _store_attachments(
    case: Case, parsed: ParsedEmail, *, raw: bytes, mailbox: Mailbox, now: datetime
) -> None:
    """The message's files on the case, within the attachment limits. Refused files leave the
    case as it is and the whole message in quarantine, linked to the case."""
    if not parsed.attachments:
        return
    files = [
        SimpleUploadedFile(item.filename, item.data, content_type=item.content_type)
        for item in parsed.attachments
    ]
    try:
        with transaction.atomic():
            attachments_add(case=case, files=files, actor=None)
    except ValidationError as error:
        quarantine(
            channel=Channel.EMAIL,
            reason=QuarantineReason.ATTACHMENT_REFUSED,
            detail="\n".join(error.messages),
            raw=raw,
            received_at=now,
            mailbox=mailbox,
            case=case,
        )
