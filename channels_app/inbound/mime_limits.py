"""Parsing an e-mail with bounded work: limits on its headers and its MIME structure, checked
while the standard library's parser reads it, before any header is decoded.

The ``email`` package's structured header parser (``policy=default``) costs far more than
linear time on some crafted input: a Content-Type with thousands of ``; a=b`` parameters takes
tens of seconds of CPU for a few hundred kilobytes. The parser itself only splits headers into
names and raw values (``Policy.header_source_parse``) and creates a message per part
(``FeedParser._new_message``); decoding comes later, when a header is read. Counting at those two
points stops a crafted message before the expensive work, whatever part of it is crafted.
"""

from dataclasses import dataclass
from email.feedparser import BytesFeedParser
from email.message import EmailMessage
from email.policy import EmailPolicy
from typing import Any

#: Headers whose value the parser splits into parameters (``email.headerregistry``).
_PARAMETERISED = frozenset({"content-type", "content-disposition"})


@dataclass(frozen=True)
class MimeLimits:
    """How much of an e-mail we read (``CYSWLLT_INBOUND_EMAIL_*``, config/settings.py)."""

    max_headers: int = 2000  # header fields in the whole message, all parts together
    max_header_bytes: int = 32 * 1024  # one header field, its folded lines together
    max_header_params: int = 50  # parameters of one Content-Type or Content-Disposition
    max_parts: int = 200  # MIME parts, the message itself included
    max_depth: int = 20  # parts within parts (a forwarded message counts two levels)


class MimeLimitExceeded(ValueError):
    """The message is beyond a limit; the text says which, for the quarantine's detail."""


class _Budget:
    """What has been read so far of one message."""

    def __init__(self, limits: MimeLimits) -> None:
        self.limits = limits
        self.headers = 0
        self.parts = 0

    def header(self, sourcelines: list[str]) -> None:
        limits = self.limits
        self.headers += 1
        if self.headers > limits.max_headers:
            raise MimeLimitExceeded(f"More than {limits.max_headers} header fields.")
        size = sum(len(line) for line in sourcelines)
        if size > limits.max_header_bytes:
            raise MimeLimitExceeded(
                f"A header field of {size} bytes (the limit is {limits.max_header_bytes})."
            )
        name = sourcelines[0].split(":", 1)[0].strip().lower() if sourcelines else ""
        if name in _PARAMETERISED:
            # Every parameter follows a ';' (one inside a quoted value is counted too: a
            # harmless overestimate).
            params = sum(line.count(";") for line in sourcelines)
            if params > limits.max_header_params:
                raise MimeLimitExceeded(
                    f"A {name} header with {params} parameters "
                    f"(the limit is {limits.max_header_params})."
                )

    def part(self, depth: int) -> None:
        limits = self.limits
        self.parts += 1
        if self.parts > limits.max_parts:
            raise MimeLimitExceeded(f"More than {limits.max_parts} parts.")
        if depth > limits.max_depth:
            raise MimeLimitExceeded(f"Parts nested more than {limits.max_depth} deep.")


class _BoundedPolicy(EmailPolicy):
    """``policy=default`` counting each header field as the parser splits it off."""

    budget: Any = None

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        self.budget.header(sourcelines)
        return super().header_source_parse(sourcelines)


class _BoundedParser(BytesFeedParser):
    """The standard feed parser, counting each part, and how deep it is, as it starts it."""

    def __init__(self, budget: _Budget) -> None:
        super().__init__(policy=_BoundedPolicy().clone(budget=budget))  # type: ignore[call-arg]
        self._budget = budget

    def _new_message(self) -> None:
        super()._new_message()  # type: ignore[misc]
        self._budget.part(depth=len(self._msgstack))  # type: ignore[attr-defined]


def parse_bounded(raw: bytes, limits: MimeLimits) -> EmailMessage:
    """``email.message_from_bytes(raw, policy=default)``, stopped with ``MimeLimitExceeded`` as
    soon as ``raw`` goes beyond ``limits``."""
    parser = _BoundedParser(_Budget(limits))
    parser.feed(raw)
    message = parser.close()
    if not isinstance(message, EmailMessage):  # pragma: no cover - the policy makes one
        raise MimeLimitExceeded("Not an e-mail message.")
    return message
