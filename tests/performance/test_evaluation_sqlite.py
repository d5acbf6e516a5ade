"""The embedded SQLite first run's figures: the daily upserts and the percentiles, run on an
in-memory SQLite database (the suite itself runs on PostgreSQL), with expected values worked
out by hand.

Only the columns the statements read are created for the contacts tables; the two daily
tables are created from their models, so their unique constraints (the upserts' conflict
targets) are the real ones.
"""

import json
from datetime import UTC, date, datetime

import pytest
from django.db.utils import ConnectionHandler

from performance.dashboards.daily import daily_stats_rebuild, refresh_params
from performance.dashboards.evaluation import (
    Period,
    percentiles_by_group,
    period_start_sql,
    sqlite_percentiles,
)
from performance.domain.measures import Grain
from performance.models import DailyCaseStat, DailyMilestoneStat

_CONTACTS = """
CREATE TABLE contacts_case (id integer PRIMARY KEY, received_at datetime, standard_id bigint,
    channel varchar, service_id bigint, language varchar, status varchar, reopened_count int);
CREATE TABLE contacts_milestone (id integer PRIMARY KEY, case_id bigint, kind varchar,
    state varchar, starts_at datetime, due_at datetime, met_at datetime);
CREATE TABLE contacts_visit (id integer PRIMARY KEY, case_id bigint, arrived_at datetime);
"""

# Europe/London is on summer time (UTC+1) in July: case 1, received at 23:30 UTC on 30 June,
# belongs to 1 July; case 4, at 22:00 UTC, to 30 June (outside the range rebuilt).
_CASES = [
    # id, received (UTC), standard, channel, service, language, status, reopened
    (1, "2026-06-30 23:30:00", 1, "email", 1, "cy", "resolved", 0),
    (2, "2026-07-01 10:00:00", 1, "email", 1, "cy", "in_progress", 0),
    (3, "2026-07-01 12:00:00", 2, "visit", 1, "en", "closed", 1),
    (4, "2026-06-30 22:00:00", 1, "email", 1, "cy", "resolved", 0),
]
_MILESTONES = [
    # id, case, kind, state, starts, due, met
    # 2 hours: 7,200 s.
    (
        1,
        1,
        "acknowledge",
        "met",
        "2026-06-30 23:30:00",
        "2026-07-01 23:30:00",
        "2026-07-01 01:30:00",
    ),
    # Three days: 259,200 s.
    (
        2,
        1,
        "respond",
        "met_late",
        "2026-06-30 23:30:00",
        "2026-07-02 23:30:00",
        "2026-07-03 23:30:00",
    ),
    # 30 minutes: 1,800 s.
    (
        3,
        2,
        "acknowledge",
        "met",
        "2026-07-01 10:00:00",
        "2026-07-02 10:00:00",
        "2026-07-01 10:30:00",
    ),
    # Still open, due before ``now``: counted as breached, no duration.
    (4, 2, "respond", "pending", "2026-07-01 10:00:00", "2026-07-02 10:00:00", None),
    # Seen 15 minutes after arriving (12:05 → 12:20): 900 s, not from the case's start.
    (5, 3, "seen", "met", "2026-07-01 12:00:00", "2026-07-01 12:30:00", "2026-07-01 12:20:00"),
    (
        6,
        4,
        "acknowledge",
        "met",
        "2026-06-30 22:00:00",
        "2026-07-01 22:00:00",
        "2026-06-30 22:10:00",
    ),
]
_NOW = datetime(2026, 7, 10, 12, 0, tzinfo=UTC)
_DAY = date(2026, 7, 1)


@pytest.fixture
def sqlite(django_db_blocker):
    handler = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    )
    connection = handler["default"]
    with django_db_blocker.unblock():
        # Not atomic: a transaction would be looked up by alias, on the suite's database.
        with connection.schema_editor(atomic=False) as editor:
            editor.create_model(DailyMilestoneStat)
            editor.create_model(DailyCaseStat)
        with connection.cursor() as cursor:
            # The parent tables (services, standards) are not created.
            cursor.execute("PRAGMA foreign_keys = OFF")
            for statement in _CONTACTS.split(";"):
                if statement.strip():
                    cursor.execute(statement)
            cursor.executemany("INSERT INTO contacts_case VALUES (%s,%s,%s,%s,%s,%s,%s,%s)", _CASES)
            cursor.executemany(
                "INSERT INTO contacts_milestone VALUES (%s,%s,%s,%s,%s,%s,%s)", _MILESTONES
            )
            cursor.execute("INSERT INTO contacts_visit VALUES (1, 3, '2026-07-01 12:05:00')")
            # A group of the day that no case has any more, and a day outside the range.
            cursor.execute(
                "INSERT INTO standards_dailycasestat (day, standard_id, channel, service_id,"
                " language, received, resolved, right_first_time, refreshed_at) VALUES"
                " ('2026-07-01', 1, 'email', 2, 'cy', 9, 9, 9, '2026-07-01 00:00:00'),"
                " ('2026-06-30', 1, 'email', 1, 'cy', 7, 7, 7, '2026-07-01 00:00:00')"
            )
        yield connection
        connection.close()


def _rebuild(connection, now):
    with connection.cursor() as cursor:
        daily_stats_rebuild(
            cursor,
            vendor="sqlite",
            params=refresh_params(connection.ops, first_day=_DAY, last_day=_DAY, now=now),
        )


def _milestone_rows(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT day, standard_id, kind, channel, service_id, language, total, met,"
            " met_late, breached, durations FROM standards_dailymilestonestat ORDER BY 1, 2, 3"
        )
        return [(*row[:-1], sorted(json.loads(row[-1]))) for row in cursor.fetchall()]


def _case_rows(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT day, standard_id, channel, service_id, language, received, resolved,"
            " right_first_time FROM standards_dailycasestat ORDER BY 1, 2, 4"
        )
        return cursor.fetchall()


_EXPECTED_MILESTONES = [
    (_DAY, 1, "acknowledge", "email", 1, "cy", 2, 2, 0, 0, [1800, 7200]),
    (_DAY, 1, "respond", "email", 1, "cy", 2, 0, 1, 1, [259200]),
    (_DAY, 2, "seen", "visit", 1, "en", 1, 1, 0, 0, [900]),
]
_EXPECTED_CASES = [
    (date(2026, 6, 30), 1, "email", 1, "cy", 7, 7, 7),  # outside the range: untouched
    (_DAY, 1, "email", 1, "cy", 2, 1, 1),
    (_DAY, 2, "visit", 1, "en", 1, 1, 0),  # resolved after a reopening
]


def test_the_sqlite_upserts_count_the_local_day_and_are_safe_to_repeat(sqlite):
    _rebuild(sqlite, _NOW)
    assert _milestone_rows(sqlite) == _EXPECTED_MILESTONES
    assert _case_rows(sqlite) == _EXPECTED_CASES

    _rebuild(sqlite, datetime(2026, 7, 10, 12, 15, tzinfo=UTC))
    assert _milestone_rows(sqlite) == _EXPECTED_MILESTONES
    assert _case_rows(sqlite) == _EXPECTED_CASES


def test_the_sqlite_percentiles_match_postgresqls(sqlite):
    _rebuild(sqlite, _NOW)
    period = Period(first=_DAY, last=_DAY)
    with sqlite.cursor() as cursor:
        found = sqlite_percentiles(
            cursor, period, group="s.channel, s.kind", kinds=["acknowledge", "respond"]
        )
        # Acknowledgements 1,800 and 7,200 s: median 4,500; 90th 1,800 + 5,400 × 0.9 = 6,660.
        assert found == [
            ("email", "acknowledge", 2, 4500.0, 6660.0),
            ("email", "respond", 1, 259200.0, 259200.0),
        ]
        # 1 July 2026 is a Wednesday: its week begins on Monday 29 June.
        for grain, start in ((Grain.WEEK, "2026-06-29"), (Grain.MONTH, "2026-07-01")):
            assert sqlite_percentiles(
                cursor,
                Period(first=_DAY, last=_DAY, grain=grain),
                group=period_start_sql(grain, vendor="sqlite"),
                kinds=["seen"],
            ) == [(start, 1, 900.0, 900.0)]
        # Another service's figures only: none.
        assert (
            sqlite_percentiles(
                cursor,
                Period(first=_DAY, last=_DAY, service_id=2),
                group="s.channel",
                kinds=["acknowledge"],
            )
            == []
        )


def test_percentiles_by_group_takes_each_groups_sorted_durations():
    rows = [("cy", 10), ("cy", 20), ("cy", 30), ("cy", 40), ("en", 600)]
    # Welsh: n = 4, median at 1.5 → 25; 90th at 2.7 → 30 + 10 × 0.7 = 37.
    assert percentiles_by_group(rows) == [
        ("cy", 4, pytest.approx(25), pytest.approx(37)),
        ("en", 1, 600, 600),
    ]
    assert percentiles_by_group([]) == []
