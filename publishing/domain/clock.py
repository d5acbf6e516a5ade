"""When a web publication's clock starts, and how long the second language took.

Plain Python (no Django): the moments and the time zone are arguments. docs/spec.md, "Web
changes and emergency information".
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def change_counts_from(
    *, takes_place_on: date | None, received_at: datetime, zone: ZoneInfo
) -> datetime:
    """The moment a web change's publication milestones count from: the start of the local
    day the change takes place, or receipt when that is later (a change dated in the past, or
    today, or no date given). In UTC.

    Counting from the start of the day means the day of the change is day 0, as the day of
    receipt is for every working-day rule: a change on Monday 2 March is due by closing time
    on Wednesday 4 March whatever the hour it was asked for.
    """
    if received_at.tzinfo is None:
        raise ValueError("The time received must include a time zone.")
    received_at = received_at.astimezone(UTC)
    if takes_place_on is None:
        return received_at
    start = datetime.combine(takes_place_on, time.min, tzinfo=zone).astimezone(UTC)
    return max(start, received_at)


def second_language_took(
    first_at: datetime, second_at: datetime | None, *, now: datetime
) -> timedelta:
    """How long the second language took after the first: until it was published, or until
    ``now`` while it is still owed. Never negative."""
    return max((second_at or now) - first_at, timedelta(0))
