"""Printed letters: rendered to a PDF that waits in the print queue until staff post it
(``messaging.print_queue``). The letter counts as sent, and acknowledges the case, only once
it is posted."""

from django.core.files.base import ContentFile
from django.utils import timezone

from ..letter_pdf import letter_pdf
from ..models import DeliveryState, OutboundMessage, RecipientKind
from .outcome import Outcome


def deliver(message: OutboundMessage) -> Outcome:
    if message.recipient_kind != RecipientKind.CUSTOMER or message.case is None:
        # A councillor's letter is printed from its text in the admin's list (as before).
        return Outcome(DeliveryState.TO_POST)
    # Dated the day of this attempt: ``claimed_at`` is the clock the delivery was claimed by.
    dated = message.claimed_at or timezone.now()
    pdf = letter_pdf(message, dated=dated)
    # The key (``case:CYS-2026-000042:acknowledgement``) makes the name unique to this letter; the
    # storage adds a suffix if a failed attempt already left a file of that name.
    name = f"{message.case.reference}-{message.key.replace(':', '-')}.pdf"
    message.document.save(name, ContentFile(pdf), save=False)
    return Outcome(DeliveryState.TO_POST)
