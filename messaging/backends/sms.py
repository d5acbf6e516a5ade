"""Text messages, through a provider behind ``SmsBackend``: GOV.UK Notify in production, files
under ``VAR_DIR/sms`` on a machine without a Notify key.

``CYSWLLT["SMS_BACKEND"]`` names the class (a dotted path), so another provider is one more
class here, not a change to delivery.
"""

import re
import uuid
from abc import ABC, abstractmethod
from pathlib import Path
from typing import cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from ..models import DeliveryState, OutboundMessage, RecipientKind
from .outcome import Outcome, PermanentFailure


class SmsBackend(ABC):
    @abstractmethod
    def send(self, *, phone_number: str, body: str, reference: str) -> str:
        """Hand one text to the provider and return the provider's id for it.

        ``reference`` is the outbox key, so a resend after a lost answer can be matched to the
        first attempt at the provider. Raise ``PermanentFailure`` when sending again cannot
        succeed; any other exception is retried with backoff.
        """


#: Notify answers a request it will never accept with a 4xx; 429 alone means "not now".
RATE_LIMITED = 429


def is_permanent(status_code: int) -> bool:
    return 400 <= status_code < 500 and status_code != RATE_LIMITED


class NotifySmsBackend(SmsBackend):
    """GOV.UK Notify, with one text template whose whole content is the placeholder
    ``((body))``: the wording lives in Cyswllt's own templates (edited by administrators, in
    both languages), and Notify only carries it."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        template_id: str | None = None,
        sender_id: str | None = None,
    ) -> None:
        self.api_key = api_key or settings.NOTIFY_API_KEY
        self.base_url = base_url or settings.NOTIFY_BASE_URL
        self.template_id = template_id or settings.NOTIFY_SMS_TEMPLATE_ID
        self.sender_id = sender_id or settings.NOTIFY_SMS_SENDER_ID
        if not (self.api_key and self.template_id):
            raise ImproperlyConfigured(
                "Sending texts through GOV.UK Notify needs NOTIFY_API_KEY and "
                "NOTIFY_SMS_TEMPLATE_ID (a text template whose content is ((body)))."
            )

    def send(self, *, phone_number: str, body: str, reference: str) -> str:
        # A client per text: the Notify client is not thread-safe, and a text is rare enough
        # that a fresh connection costs nothing that matters.
        client = NotificationsAPIClient(self.api_key, base_url=self.base_url)
        try:
            response = client.send_sms_notification(
                phone_number=phone_number,
                template_id=self.template_id,
                personalisation={"body": body},
                reference=reference,
                sms_sender_id=self.sender_id or None,
            )
        except HTTPError as error:
            if is_permanent(error.status_code):
                raise PermanentFailure(
                    f"GOV.UK Notify refused the text ({error.status_code}): {reasons(error)}"
                ) from error
            raise
        return response["id"]


def reasons(error: HTTPError) -> str:
    """Notify's own words for a refusal, e.g. "phone_number Not a UK mobile number"."""
    if isinstance(error.message, list):
        return "; ".join(
            str(item.get("message", item)) if isinstance(item, dict) else str(item)
            for item in error.message
        )
    return str(error.message)


class FileSmsBackend(SmsBackend):
    """Each text as a file in ``SMS_FILE_PATH``, as Django's file-based e-mail backend does for
    mail: the embedded demo sends texts that can be read, with no provider account."""

    def __init__(self, *, directory: Path | None = None) -> None:
        self.directory = Path(directory or settings.SMS_FILE_PATH)

    def send(self, *, phone_number: str, body: str, reference: str) -> str:
        notification_id = str(uuid.uuid4())
        now = timezone.now()
        self.directory.mkdir(parents=True, exist_ok=True)
        # Named by time first, so a directory listing reads in the order the texts went.
        safe_reference = re.sub(r"[^A-Za-z0-9_-]+", "-", reference)
        path = self.directory / f"{now:%Y%m%d-%H%M%S}-{safe_reference}-{notification_id[:8]}.txt"
        path.write_text(
            f"To: {phone_number}\n"
            f"Reference: {reference}\n"
            f"Id: {notification_id}\n"
            f"Date: {now.isoformat()}\n"
            f"\n{body}\n",
            encoding="utf-8",
        )
        return notification_id


def backend() -> SmsBackend:
    return import_string(cast(str, settings.CYSWLLT["SMS_BACKEND"]))()


def deliver(message: OutboundMessage) -> Outcome:
    body = message.body
    # Customers' texts are written without a subject; a councillor's carries its subject line.
    if message.subject and message.recipient_kind != RecipientKind.CUSTOMER:
        body = f"{message.subject}\n\n{body}"
    notification_id = backend().send(
        phone_number=message.recipient, body=body, reference=message.key
    )
    return Outcome(DeliveryState.SENT, provider_reference=notification_id)
