"""Faxes, the way councils send them today: the reply under the corporate fax cover sheet, as
a PDF attached to an e-mail to the e-mail-to-fax gateway (``CYSWLLT_FAX_GATEWAY``, e.g.
``{number}@fax.example.gov.wales``). The PDF is kept on the message, like a letter's."""

from typing import cast

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.utils import timezone

from ..domain.replies import fax_digits, is_fax_number
from ..fax_pdf import fax_pdf
from ..models import DeliveryState, OutboundMessage, RecipientKind
from .email import message_id
from .outcome import Outcome, PermanentFailure


def gateway_address(number: str) -> str:
    """The gateway's address for ``number``; refused for good when there is no gateway or the
    number is not a fax number (sending again cannot help)."""
    pattern = cast(str, settings.CYSWLLT["FAX_GATEWAY"])
    if not pattern or "{number}" not in pattern:
        raise PermanentFailure("No e-mail-to-fax gateway is set (CYSWLLT_FAX_GATEWAY).")
    if not is_fax_number(number):
        raise PermanentFailure("The number is not a fax number.")
    return pattern.replace("{number}", fax_digits(number))


def deliver(message: OutboundMessage, *, connection=None) -> Outcome:
    case = message.case
    if message.recipient_kind != RecipientKind.CUSTOMER or case is None:
        raise PermanentFailure("Only replies to a case's customer go by fax.")
    to = gateway_address(message.recipient)
    # Dated the day of this attempt: ``claimed_at`` is the clock the delivery was claimed by.
    pdf = fax_pdf(message, dated=message.claimed_at or timezone.now())
    name = f"{case.reference}-{message.key.replace(':', '-')}.pdf"
    email = EmailMessage(
        subject=case.reference,
        body="",
        from_email=case.service.email or settings.DEFAULT_FROM_EMAIL,
        to=[to],
        connection=connection,
        headers={"Message-ID": message_id(message.key)},
    )
    email.attach(name, pdf, "application/pdf")
    email.send(fail_silently=False)
    # Kept once the gateway has it, as a letter is kept once rendered.
    message.document.save(name, ContentFile(pdf), save=False)
    return Outcome(DeliveryState.SENT)
