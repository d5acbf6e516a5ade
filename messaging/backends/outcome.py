"""What a backend reports: the outcome of a delivery, or a refusal for good."""

from dataclasses import dataclass

from ..models import DeliveryState


@dataclass(frozen=True)
class Outcome:
    """What a successful delivery left: ``SENT`` (the provider accepted it) or ``TO_POST`` (a
    printable letter waits in the print queue), and the provider's own reference if any."""

    state: DeliveryState
    provider_reference: str = ""


class PermanentFailure(Exception):
    """The provider refused the message for good (an invalid number, a rejected API key):
    trying again would fail the same way, so the message fails at once and staff see it on the
    case instead of after a day of retries."""
