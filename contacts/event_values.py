"""What some timeline events record beyond their text, in the event's ``from_status`` and
``to_status`` columns: who held a case before and after a transfer (``user:12``, ``team:3``),
and the time a callback was agreed for (UTC, ``2026-03-02T14:00Z``).

The columns already hold "the value before and after" for status and milestone events; these
are the same idea for a case's holder and for a time, until events get columns of their own.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

USER, TEAM = "user", "team"
TIME_FORMAT = "%Y-%m-%dT%H:%MZ"


@dataclass(frozen=True)
class Party:
    kind: str  # USER or TEAM
    pk: int


def party_value(*, user_id: int | None = None, team_id: int | None = None) -> str:
    """The holder of a case: its owner when it has one, else its team, else nobody ("")."""
    if user_id is not None:
        return f"{USER}:{user_id}"
    if team_id is not None:
        return f"{TEAM}:{team_id}"
    return ""


def party_parse(value: str) -> Party | None:
    kind, _sep, pk = value.partition(":")
    if kind not in (USER, TEAM) or not pk.isdigit():
        return None
    return Party(kind, int(pk))


def time_value(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def time_parse(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None
