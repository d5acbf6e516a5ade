"""When the full response will come, as the confirmation of who is dealing with an enquiry
tells the customer (SPEC §10).

The case's own full-response deadline when it has one; otherwise the day the officer gives,
which must be a working day, not in the past, because the customer will hold the council to it.
"""

from collections.abc import Callable
from datetime import date
from enum import StrEnum


class DayRefused(StrEnum):
    MISSING = "missing"
    PAST = "past"
    NOT_WORKING_DAY = "not_working_day"


def promised_day_refusal(
    *, day: date | None, today: date, is_working_day: Callable[[date], bool]
) -> DayRefused | None:
    """Why ``day`` cannot be promised as the full response's date (``None``: it can)."""
    if day is None:
        return DayRefused.MISSING
    if day < today:
        return DayRefused.PAST
    if not is_working_day(day):
        return DayRefused.NOT_WORKING_DAY
    return None
