"""How often one address may get automatic messages: at most ``limit`` in any ``window``.

Decided where the messages are sent, not where they are owed (docs/adr/0037): the request that
records a contact writes its acknowledgement without counting what went to the address before,
and the worker that delivers a batch holds back the ones over the limit.
"""

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Set
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Automatic:
    """An automatic message to ``recipient``, owed at ``created_at``."""

    key: Hashable
    recipient: str
    created_at: datetime


def over_the_limit(
    messages: Iterable[Automatic], *, deciding: Set[Hashable], limit: int, window: timedelta
) -> set[Hashable]:
    """The keys in ``deciding`` to hold back.

    ``messages`` are the automatic messages to the addresses concerned, held back ones left
    out, in the order they were owed (``created_at``, then key), ``deciding`` among them. A
    message in ``deciding`` is held back when ``limit`` messages that go were owed to its
    address in the ``window`` up to it (from ``created_at - window`` on); a message held back
    does not count against the next. The others in ``messages`` have gone, or will: they all
    count.
    """
    if limit < 1:
        raise ValueError("An address may get at least one automatic message.")
    going: defaultdict[str, deque[datetime]] = defaultdict(deque)
    held: set[Hashable] = set()
    for message in messages:
        recent = going[message.recipient]
        while recent and recent[0] < message.created_at - window:
            recent.popleft()
        if message.key in deciding and len(recent) >= limit:
            held.add(message.key)
            continue
        recent.append(message.created_at)
    return held
