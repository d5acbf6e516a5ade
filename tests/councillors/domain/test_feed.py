"""The iCalendar feed built from plain values, read back with the icalendar library."""

from datetime import UTC, datetime

import icalendar

from councillors.domain.feed import FeedEntry, ical_feed

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def entry(**changes) -> FeedEntry:
    values = {
        "uid": "0b7e-1@cyswllt",
        "sequence": 0,
        "summary": "Planned works: resurfacing Stryd Fawr",
        "description": "Effect on residents: road closed",
        "location": "Stryd Fawr, Rhuthun",
        # 08:00 to 16:30 UTC on 15 June is 09:00 to 17:30 British Summer Time.
        "starts_at": datetime(2026, 6, 15, 8, 0, tzinfo=UTC),
        "ends_at": datetime(2026, 6, 15, 16, 30, tzinfo=UTC),
        "cancelled": False,
        "modified_at": datetime(2026, 5, 30, 12, 0, tzinfo=UTC),
    }
    return FeedEntry(**{**values, **changes})


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_an_entry_is_written_in_london_time_with_the_zone_defined():
    calendar = parse(ical_feed([entry()], name="Calendr", now=NOW))
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].dt == datetime(2026, 6, 15, 9, 0, tzinfo=event["DTSTART"].dt.tzinfo)
    assert str(event["DTSTART"].params["TZID"]) == "Europe/London"
    assert event["DTEND"].dt.hour == 17 and event["DTEND"].dt.minute == 30
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert calendar["X-WR-CALNAME"] == "Calendr"
    assert calendar["VERSION"] == "2.0"


def test_a_winter_entry_is_in_greenwich_mean_time():
    winter = entry(
        starts_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
    )
    (event,) = parse(ical_feed([winter], name="x", now=NOW)).walk("VEVENT")
    assert (event["DTSTART"].dt.hour, event["DTSTART"].dt.utcoffset().total_seconds()) == (9, 0)


def test_uid_sequence_and_status_are_carried():
    feed = ical_feed(
        [entry(), entry(uid="0b7e-2@cyswllt", sequence=3, cancelled=True)], name="x", now=NOW
    )
    first, second = parse(feed).walk("VEVENT")
    assert (str(first["UID"]), first["SEQUENCE"], str(first["STATUS"])) == (
        "0b7e-1@cyswllt",
        0,
        "CONFIRMED",
    )
    assert (str(second["UID"]), second["SEQUENCE"], str(second["STATUS"])) == (
        "0b7e-2@cyswllt",
        3,
        "CANCELLED",
    )
    assert first["DTSTAMP"].dt == NOW
    assert str(first["LOCATION"]) == "Stryd Fawr, Rhuthun"


def test_an_empty_feed_is_still_a_valid_calendar():
    calendar = parse(ical_feed([], name="x", now=NOW))
    assert calendar.walk("VEVENT") == []
    assert calendar["PRODID"]
