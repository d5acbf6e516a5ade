"""A worker's heartbeat: while it delivers, a thread renews the claims it holds, so that a claim
that goes stale means a dead worker, and is retaken within ``claim_timeout``, not minutes later.
"""

import threading
from types import TracebackType

from django.db import connections
from django.utils import timezone

from .models import DeliveryState, OutboundMessage


def claims_renew(token: str) -> int:
    """Renew every claim held under ``token``; how many are still held."""
    return OutboundMessage.objects.filter(claim_token=token, state=DeliveryState.SENDING).update(
        claimed_at=timezone.now()
    )


class Heartbeat:
    """Renew ``token``'s claims every ``interval`` seconds until the block ends."""

    def __init__(self, token: str, *, interval: float) -> None:
        self.token = token
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="message-claims", daemon=True)

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                claims_renew(self.token)
        finally:
            # The thread's own connection, opened only if it beat at least once.
            connections.close_all()
