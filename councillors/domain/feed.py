"""The Members' Events Calendar as an iCalendar feed (RFC 5545), built from plain values.

Calendar applications match an entry across fetches by its UID and take the copy with the
highest SEQUENCE, so the UID never changes and the SEQUENCE goes up with every change; a
cancelled entry stays in the feed as STATUS:CANCELLED so that subscribers remove it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar

LONDON = ZoneInfo("Europe/London")
PRODUCT_ID = "-//Cyswllt//Members' Events Calendar//CY"


@dataclass(frozen=True)
class FeedEntry:
    uid: str
    sequence: int
    summary: str
    description: str
    location: str
    starts_at: datetime
    ends_at: datetime
    cancelled: bool
    modified_at: datetime


def ical_feed(entries: Iterable[FeedEntry], *, name: str, now: datetime) -> bytes:
    """The feed's bytes; times are written in Europe/London with the zone's definition."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("sequence", entry.sequence)
        event.add("dtstamp", now.astimezone(ZoneInfo("UTC")))
        event.add("last-modified", entry.modified_at.astimezone(ZoneInfo("UTC")))
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        event.add("location", entry.location)
        event.add("dtstart", entry.starts_at.astimezone(LONDON))
        event.add("dtend", entry.ends_at.astimezone(LONDON))
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    # icalendar leaves to_ical() unannotated; it returns the serialised bytes.
    feed: bytes = calendar.to_ical()
    return feed
