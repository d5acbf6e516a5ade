"""Staff releasing a quarantined e-mail to the case it names: a reply from someone who is not
one of the case's parties (``parties``) waits in quarantine until a member of staff who has
read it adds it to the case (the admin's "Add to its case" action)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError

from ..models import QuarantinedMessage, QuarantineReason
from .mail import email_normalise, max_email_bytes, mime_limits
from .mime import MimeError, parse_email
from .pipeline import inbound_add_to_case
from .records import Outcome


@transaction.atomic
def quarantined_release(
    held: QuarantinedMessage, *, user: User, now: datetime | None = None
) -> Outcome:
    """Add the quarantined reply to the case it names and mark it reviewed by ``user``.
    Refuses (``ServiceError``) anything else: another reason, no case, already reviewed, or a
    case since closed."""
    now = now or timezone.now()
    held = QuarantinedMessage.objects.select_for_update().get(pk=held.pk)
    case = held.case
    if held.reason != QuarantineReason.SENDER_MISMATCH or case is None:
        raise ServiceError(_("Only a reply held because of its sender can be added to its case."))
    if held.reviewed_at is not None:
        raise ServiceError(_("This message has already been reviewed."))
    try:
        parsed = parse_email(bytes(held.raw), max_bytes=max_email_bytes(), limits=mime_limits())
    except MimeError as error:  # pragma: no cover - it was read once to be held
        raise ServiceError(_("The message can no longer be read.")) from error
    # Received when it came (and was quarantined), not when released.
    message = email_normalise(
        parsed, raw=bytes(held.raw), mailbox=held.mailbox, now=held.received_at
    )
    outcome = inbound_add_to_case(message, case, now=now)
    held.reviewed_at = now
    held.reviewed_by = user
    held.save(update_fields=["reviewed_at", "reviewed_by"])
    return outcome
