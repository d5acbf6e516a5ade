"""When the ward's councillors are owed notice of a calendar entry."""

from datetime import datetime, timedelta


def notice_from(starts_at: datetime, *, notice_days: int) -> datetime:
    """The moment from which councillors must have been told of work starting at
    ``starts_at``: ``notice_days`` whole days before it."""
    if notice_days < 0:
        raise ValueError("A notice period cannot be negative.")
    return starts_at - timedelta(days=notice_days)


def is_notice_due(starts_at: datetime, *, notice_days: int, now: datetime) -> bool:
    """Whether the advance notice is owed by ``now`` (an entry recorded late is owed at once)."""
    return now >= notice_from(starts_at, notice_days=notice_days)
