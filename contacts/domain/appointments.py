"""Running late for an appointment or an officer visit, and re-booking it (SPEC §10).

The standards promise to see a visitor within 5 minutes of their appointment, and to arrive at
a customer's home within 5 minutes of the agreed time, "or let them know how long you will be",
"why and when you will arrive"; an appointment that cannot be kept is cancelled with an apology
and another date and time. These are the rules an officer's input must meet, as plain Python:
the booked time, the new one and "now" are arguments; the calendar's working hours are checked
by the caller with ``WorkingCalendar.working_time_problem``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum

#: Longer than this is not running late but a different day: re-book instead.
LONGEST_DELAY_MINUTES = 240
#: The reason goes into a text message too: a few sentences, not a letter.
REASON_MAX = 500
#: How far ahead an appointment may be re-booked: further is a typing mistake.
REBOOK_HORIZON = timedelta(days=366)


class LateProblem(Enum):
    NOT_POSITIVE = "not_positive"  # zero or negative minutes
    TOO_LONG = "too_long"  # more than LONGEST_DELAY_MINUTES
    IN_THE_PAST = "in_the_past"  # the time it comes to has already gone


class RebookProblem(Enum):
    IN_THE_PAST = "in_the_past"
    UNCHANGED = "unchanged"  # the time already booked
    TOO_FAR = "too_far"


def expected_at(booked_at: datetime, minutes: int) -> datetime:
    """When the officer will now see or reach the customer: the booked time plus the delay."""
    return booked_at + timedelta(minutes=minutes)


def late_problem(*, booked_at: datetime, minutes: int, now: datetime) -> LateProblem | None:
    """What is wrong with "``minutes`` late for the appointment at ``booked_at``", told at
    ``now``; ``None`` when the customer can be told it."""
    if minutes <= 0:
        return LateProblem.NOT_POSITIVE
    if minutes > LONGEST_DELAY_MINUTES:
        return LateProblem.TOO_LONG
    if expected_at(booked_at, minutes) <= now:
        return LateProblem.IN_THE_PAST
    return None


def rebook_problem(*, booked_at: datetime, new_at: datetime, now: datetime) -> RebookProblem | None:
    """What is wrong with re-booking the appointment at ``booked_at`` for ``new_at``."""
    if new_at <= now:
        return RebookProblem.IN_THE_PAST
    if new_at == booked_at:
        return RebookProblem.UNCHANGED
    if new_at > now + REBOOK_HORIZON:
        return RebookProblem.TOO_FAR
    return None
