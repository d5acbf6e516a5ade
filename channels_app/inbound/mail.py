"""Department mailboxes: an e-mail (raw MIME, fetched over IMAP or pushed to the API) becomes a
case of the mailbox's service, or goes on the case it answers (``pipeline.inbound_accept``).

- The same Message-ID twice makes one case (or one entry on the case it answers).
- A case reference in the subject, or In-Reply-To/References naming an earlier message of an
  open case, adds the message to that case instead of opening a new one.
- Mail from a councillor's or clerk's registered address is their enquiry, which they follow.
- Auto-replies, bounces and list mail are recorded (``details.automatic``) but not
  acknowledged (``messaging.outbox``).
- What cannot be read, has no mailbox, or carries attachments we refuse is quarantined whole
  for staff review; the readable part of the last still makes its case.
"""

import logging
from datetime import datetime
from typing import cast

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from standards.channels import Channel, EmailContact

from ..domain.language import detect_language
from ..domain.threading import references_in
from ..models import Mailbox, QuarantineReason
from .mime import MimeError, ParsedEmail, parse_email
from .mime_limits import MimeLimits
from .pipeline import NormalisedMessage, ThreadHints, inbound_accept
from .records import Outcome, quarantine, summary_of

log = logging.getLogger(__name__)

_MIME_REASONS = {
    "too_large": QuarantineReason.TOO_LARGE,
    "too_complex": QuarantineReason.TOO_COMPLEX,
    "malformed": QuarantineReason.MALFORMED,
}


def max_email_bytes() -> int:
    return cast(int, settings.CYSWLLT["INBOUND_EMAIL_MAX_BYTES"])


def mime_limits() -> MimeLimits:
    limits = cast(dict[str, int], settings.CYSWLLT.get("INBOUND_EMAIL_LIMITS", {}))
    return MimeLimits(**limits)


def mailbox_for(recipients: tuple[str, ...]) -> Mailbox | None:
    if not recipients:
        return None
    mailboxes = {m.address.lower(): m for m in Mailbox.objects.filter(address__in=recipients)}
    return next((mailboxes[a] for a in recipients if a in mailboxes), None)


def email_normalise(
    parsed: ParsedEmail, *, raw: bytes, mailbox: Mailbox | None, now: datetime
) -> NormalisedMessage:
    """The e-mail as the pipeline takes it; ``mailbox`` is where it was delivered, or ``None``
    when none of its recipients is a department mailbox."""
    return NormalisedMessage(
        channel=Channel.EMAIL,
        source_key=f"{Channel.EMAIL}:{parsed.message_id}",
        sender=parsed.from_address,
        body=parsed.text,
        note=parsed.text or parsed.subject,
        received_at=now,
        raw=raw,
        details={
            "contact_type": EmailContact.DEPARTMENT,
            "from_address": parsed.from_address,
            "to_address": mailbox.address if mailbox else "",
            "subject": parsed.subject,
            "message_id": parsed.message_id,
            "automatic": parsed.automatic,
        },
        summary=summary_of(parsed.subject, _("E-mail without a subject")),
        description=parsed.text,
        language=detect_language(f"{parsed.subject}\n{parsed.text}"),
        customer=Q(email__iexact=parsed.from_address),
        # An auto-reply from a member's address is no enquiry of theirs.
        member_address="" if parsed.automatic else parsed.from_address,
        thread=ThreadHints(
            references=tuple(
                references_in(
                    parsed.subject, prefix=cast(str, settings.CYSWLLT["REFERENCE_PREFIX"])
                )
            ),
            replies_to=tuple(f"{Channel.EMAIL}:{message_id}" for message_id in parsed.replies_to),
            party_address=parsed.from_address,
        ),
        attachments=parsed.attachments,
        mailbox=mailbox,
        unrouted=(
            ""
            if mailbox
            else f"No department mailbox among {', '.join(parsed.recipients) or '(none)'}."
        ),
        record={"subject": parsed.subject, "body_html": parsed.html, "automatic": parsed.automatic},
    )


def email_ingest(
    *, raw: bytes, mailbox: Mailbox | None = None, now: datetime | None = None
) -> Outcome:
    """Accept one e-mail. ``mailbox`` is where it was fetched from; for mail pushed to the API
    it is found from the recipients."""
    now = now or timezone.now()
    try:
        parsed = parse_email(raw, max_bytes=max_email_bytes(), limits=mime_limits())
    except MimeError as error:
        return quarantine(
            channel=Channel.EMAIL,
            reason=_MIME_REASONS[error.code],
            detail=error.detail,
            raw=raw,
            received_at=now,
            mailbox=mailbox,
        )
    mailbox = mailbox or mailbox_for(parsed.recipients)
    return inbound_accept(email_normalise(parsed, raw=raw, mailbox=mailbox, now=now), now=now)


def email_accept(
    *, raw: bytes, mailbox: Mailbox | None = None, now: datetime | None = None
) -> Outcome:
    """``email_ingest`` in a savepoint of its own: whatever it fails on unexpectedly (the
    database refusing a value, a bug), the message is quarantined whole instead, so that it is
    neither lost nor answered with a 500. Only the exception's type is logged: its text may
    quote the message."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return email_ingest(raw=raw, mailbox=mailbox, now=now)
    except SoftTimeLimitExceeded:  # the fetch's time is up: stop, do not quarantine
        raise
    except Exception as error:
        log.error("An inbound e-mail could not be stored (%s): quarantined", type(error).__name__)
        return quarantine(
            channel=Channel.EMAIL,
            reason=QuarantineReason.NOT_STORED,
            detail=f"Could not be stored: {type(error).__name__}.",
            raw=raw,
            received_at=now,
            mailbox=mailbox or _mailbox_of(raw),
        )


def _mailbox_of(raw: bytes) -> Mailbox | None:
    """The department mailbox among the recipients, for a message that failed after it was
    read (so staff see whose it is); ``None`` whatever goes wrong."""
    try:
        parsed = parse_email(raw, max_bytes=max_email_bytes(), limits=mime_limits())
        return mailbox_for(parsed.recipients)
    except Exception:
        return None
