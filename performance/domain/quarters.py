"""Which quarters the public performance page offers (plain Python).

The quarters are the council's financial-year quarters, the ones its complaints figures are
reported by (``complaints.domain.rules.Quarter``: quarter 1 is April to June), so every
quarterly figure the council publishes covers the same months. The page names a quarter by its
months ("July to September 2026"), so nobody has to know where "quarter 1" starts.
"""

from datetime import date

from complaints.domain.rules import Quarter, quarter_of

EARLIEST = date(2000, 4, 1)


def last_complete(today: date) -> Quarter:
    """The latest quarter whose last day is before ``today``."""
    return quarter_of(today).previous()


def quarters_shown(*, first_day: date | None, today: date) -> list[Quarter]:
    """The quarters a reader may choose, newest first: every complete quarter from the one
    holding ``first_day`` (the earliest figures kept) to the last complete one; only the last
    complete one when there are no figures, or none yet before it."""
    newest = last_complete(today)
    # Complaints' quarters start in April 2000; no figures are older.
    oldest = quarter_of(max(first_day, EARLIEST)) if first_day else newest
    shown = [newest]
    while shown[-1] > oldest:
        shown.append(shown[-1].previous())
    return shown


def last_day(quarter: Quarter) -> date:
    return date.fromordinal(quarter.ends_before.toordinal() - 1)
