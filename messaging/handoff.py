"""Handing owed messages to the workers: the outbox row is the queue (docs/adr/0037).

A request that owes a message does not publish a task for it. Once its transaction commits it
claims a flag in the cache (one ``SET NX``) and publishes a drain task only if it set the flag:
while a drain is queued or running, the flag stands and new messages join its next look. The
drain delivers due messages in batches until a look comes back short, clears the flag, and looks
once more, so a message committed before the flag was cleared is found by that last look and
one committed after it sets the flag again and asks for a drain of its own. A drain that takes
a full batch asks for one more drain, so that several workers share a backlog.

Nothing is lost when this goes wrong: the flag expires (a drain lost with its worker), the
cache may be away (the flag cannot be set, no drain is asked for), and beat's redispatch
(``tasks.messages_redispatch``, every 15 seconds) asks for every message still owed.
"""

import time
from collections.abc import Callable

from django.core.cache import cache

from . import delivery

#: The flag that says a drain is queued or running.
DRAIN_FLAG = "messaging:outbox-drain"
#: A drain lost with its worker stops blocking new ones after this long.
DRAIN_FLAG_SECONDS = 30
#: A drain that keeps finding work hands over to a fresh task after this long, so that no task
#: runs for ever under steady load (a task's broker acknowledgement waits for its end).
DRAIN_SECONDS = 60.0


def drain_flag_claim() -> bool:
    """Whether this caller set the flag, and so must ask for a drain; ``False`` while a drain
    is queued or running, or when the cache is away."""
    return bool(cache.add(DRAIN_FLAG, 1, DRAIN_FLAG_SECONDS))


def outbox_drain(
    *,
    ask_another: Callable[[], None],
    batch: int | None = None,
    seconds: float = DRAIN_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Deliver due messages until none is left; how many messages were taken."""
    batch = batch or delivery.DELIVERY_BATCH
    deadline = clock() + seconds
    taken = 0
    shared = cleared = False
    while True:
        claimed = delivery.messages_deliver_due(limit=batch)
        taken += claimed
        full = claimed >= batch
        if full and not shared:
            ask_another()
            shared = True
        if clock() >= deadline:
            if full or claimed:
                ask_another()  # a fresh task carries on where this one stops
            return taken
        if full:
            continue
        if cleared and not claimed:
            return taken
        if not cleared:
            # A message committed before this is found by the next look; one committed after
            # it finds no flag and asks for a drain itself.
            cache.delete(DRAIN_FLAG)
            cleared = True
