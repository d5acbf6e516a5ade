"""When a voicemail must be acknowledged, honouring the addressed officer's absence (SPEC §10,
docs/adr/0022-voicemail-deadline-and-absences.md).

The standard says "by the end of the following working day or on return to the office". Pure:
the calendar and the officer's recorded absences are arguments.

- The normal deadline is closing time on the first working day after the date of receipt.
- If the officer is away at any time from the date of receipt to that working day, and every
  absence that makes them so has a colleague covering, the normal deadline holds: the cover
  acknowledges it.
- Otherwise the voicemail waits for the officer: it counts as received on the first working
  day on or after the normal due day on which they are not away (absences back to back count
  as one), and is due at closing time on the working day after that, as any voicemail received
  that day would be.

Acknowledging it says when the officer will call back ("confirming when a call back will be made
if not the following day"): by closing time on the next working day unless the officer agrees
another time, which must be ahead, on a working day and within business hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from standards.domain.calendar import WorkingCalendar, WorkingTimeProblem

_MAX_SEARCH_DAYS = 366
#: How far ahead a callback may be promised: further is a typing mistake, not an agreement.
CALLBACK_HORIZON = timedelta(days=366)


@dataclass(frozen=True)
class Away:
    """One recorded absence: the first and last days away, and whether a colleague covers."""

    first_day: date
    last_day: date
    covered: bool
    #: Who covers, when the caller needs to know (an id: the rule never looks at it).
    cover_id: int | None = None

    def includes(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class VoicemailDeadline:
    """``due_at`` in UTC; ``by_cover`` when the colleague covering acknowledges it; ``back_on``
    the officer's first working day back when the deadline waited for it."""

    due_at: datetime
    by_cover: bool = False
    back_on: date | None = None
    #: The absences whose cover acknowledges it (when ``by_cover``).
    covering: tuple[Away, ...] = ()


def voicemail_acknowledge_by(
    received_at: datetime, *, away: Iterable[Away], calendar: WorkingCalendar
) -> VoicemailDeadline:
    """The acknowledgement deadline of a voicemail left for an officer with these absences."""
    received_on = calendar.local_date(received_at)
    normal_day = calendar.next_working_day(received_on)
    absences = [a for a in away if a.first_day <= normal_day and a.last_day >= received_on]
    if not absences:
        return VoicemailDeadline(calendar.end_of_business(normal_day).astimezone(UTC))
    if all(a.covered for a in absences):
        return VoicemailDeadline(
            calendar.end_of_business(normal_day).astimezone(UTC),
            by_cover=True,
            covering=tuple(absences),
        )
    every = list(away)
    back_on = normal_day
    for _ in range(_MAX_SEARCH_DAYS):
        if not any(a.includes(back_on) for a in every):
            break
        back_on = calendar.next_working_day(back_on)
    else:
        raise ValueError("The officer is away for over a year: check the absences recorded.")
    due_day = calendar.next_working_day(back_on)
    return VoicemailDeadline(calendar.end_of_business(due_day).astimezone(UTC), back_on=back_on)


class CallbackRefused(StrEnum):
    """Why a callback time an officer gives cannot be promised."""

    PAST = "past"
    NOT_A_WORKING_DAY = "not_a_working_day"
    OUTSIDE_BUSINESS_HOURS = "outside_business_hours"
    TOO_FAR = "too_far"


@dataclass(frozen=True)
class Callback:
    """When the caller is promised a call back (UTC); ``agreed`` when the officer gave the time,
    else it is by closing time on the next working day."""

    at: datetime
    agreed: bool


def voicemail_callback(
    given: datetime | None, *, now: datetime, calendar: WorkingCalendar
) -> Callback | CallbackRefused:
    """The callback promised when a voicemail is acknowledged at ``now``: the time the officer
    ``given`` if the office works then and it is still ahead, else by the end of the next working
    day after today's date (the standard's "following day")."""
    if given is None:
        following = calendar.next_working_day(calendar.local_date(now))
        return Callback(calendar.end_of_business(following).astimezone(UTC), agreed=False)
    if given <= now:
        return CallbackRefused.PAST
    if given > now + CALLBACK_HORIZON:
        return CallbackRefused.TOO_FAR
    problem = calendar.working_time_problem(given)
    if problem is WorkingTimeProblem.NOT_A_WORKING_DAY:
        return CallbackRefused.NOT_A_WORKING_DAY
    if problem is WorkingTimeProblem.OUTSIDE_BUSINESS_HOURS:
        return CallbackRefused.OUTSIDE_BUSINESS_HOURS
    return Callback(given.astimezone(UTC), agreed=True)
