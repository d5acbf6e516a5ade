"""The daily tables: rebuilt for a range of days with one upsert each, set-based.

Cases are grouped by the local day they were received, so a day's figures keep changing while
its milestones are met, breached or reopened; the beat job rebuilds the recent days every few
minutes, and any older range can be rebuilt the same way. Each run upserts every group of the
range with ``INSERT ... SELECT ... GROUP BY ... ON CONFLICT DO UPDATE`` and then deletes the
groups it did not see (a case moved to another service leaves its old group), all in one
transaction under an advisory lock: two runs at once do the work once, and a run repeated
changes nothing. The embedded SQLite first run has its own spelling of the same two upserts.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

from ..models import DailyCaseStat

#: Cases received this many days back are rebuilt by every run of the beat job: long enough
#: for a 10-working-day response, an extension and a reopening to land in their day's figures.
RECENT_DAYS = 60
_LOCK = 0x5354_4441  # "STDA": any constant shared by every process that rebuilds the tables

_MILESTONES_SQL = """
INSERT INTO standards_dailymilestonestat
    (day, standard_id, kind, channel, service_id, language,
     total, met, met_late, breached, durations, refreshed_at)
SELECT (c.received_at AT TIME ZONE %(tz)s)::date, c.standard_id, m.kind, c.channel,
       c.service_id, c.language,
       count(*),
       count(*) FILTER (WHERE m.state = 'met'),
       count(*) FILTER (WHERE m.state = 'met_late'),
       count(*) FILTER (WHERE m.state IN ('pending', 'due_soon', 'breached')
                        AND m.due_at <= %(now)s),
       coalesce(
           array_agg(greatest(0, round(extract(epoch FROM
                         m.met_at - coalesce(v.arrived_at, m.starts_at))))::integer
                     ORDER BY m.id) FILTER (WHERE m.met_at IS NOT NULL),
           '{}'),
       %(stamp)s
FROM contacts_case c
JOIN contacts_milestone m ON m.case_id = c.id
LEFT JOIN contacts_visit v ON v.case_id = c.id AND m.kind = 'seen'
WHERE c.received_at >= %(start)s AND c.received_at < %(end)s
GROUP BY 1, 2, 3, 4, 5, 6
ON CONFLICT (day, standard_id, kind, channel, service_id, language) DO UPDATE SET
    total = EXCLUDED.total, met = EXCLUDED.met, met_late = EXCLUDED.met_late,
    breached = EXCLUDED.breached, durations = EXCLUDED.durations,
    refreshed_at = EXCLUDED.refreshed_at
"""

_CASES_SQL = """
INSERT INTO standards_dailycasestat
    (day, standard_id, channel, service_id, language,
     received, resolved, right_first_time, refreshed_at)
SELECT (c.received_at AT TIME ZONE %(tz)s)::date, c.standard_id, c.channel, c.service_id,
       c.language,
       count(*),
       count(*) FILTER (WHERE c.status IN ('resolved', 'closed')),
       count(*) FILTER (WHERE c.status IN ('resolved', 'closed') AND c.reopened_count = 0),
       %(stamp)s
FROM contacts_case c
WHERE c.received_at >= %(start)s AND c.received_at < %(end)s
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (day, standard_id, channel, service_id, language) DO UPDATE SET
    received = EXCLUDED.received, resolved = EXCLUDED.resolved,
    right_first_time = EXCLUDED.right_first_time, refreshed_at = EXCLUDED.refreshed_at
"""

# The embedded SQLite first run: the same upserts (SQLite >= 3.30 has FILTER and ON CONFLICT),
# with Django's own SQLite function for the local day (it registers it on every connection)
# and the durations kept as a JSON array, read back with json_each.
_SQLITE_LOCAL_DAY = "django_datetime_cast_date(c.received_at, %(tz)s, 'UTC')"

_SQLITE_MILESTONES_SQL = f"""
INSERT INTO standards_dailymilestonestat
    (day, standard_id, kind, channel, service_id, language,
     total, met, met_late, breached, durations, refreshed_at)
SELECT {_SQLITE_LOCAL_DAY}, c.standard_id, m.kind, c.channel, c.service_id, c.language,
       count(*),
       count(*) FILTER (WHERE m.state = 'met'),
       count(*) FILTER (WHERE m.state = 'met_late'),
       count(*) FILTER (WHERE m.state IN ('pending', 'due_soon', 'breached')
                        AND m.due_at <= %(now)s),
       json_group_array(max(0, CAST(round((julianday(m.met_at)
                        - julianday(coalesce(v.arrived_at, m.starts_at))) * 86400) AS INTEGER)))
           FILTER (WHERE m.met_at IS NOT NULL),
       %(stamp)s
FROM contacts_case c
JOIN contacts_milestone m ON m.case_id = c.id
LEFT JOIN contacts_visit v ON v.case_id = c.id AND m.kind = 'seen'
WHERE c.received_at >= %(start)s AND c.received_at < %(end)s
GROUP BY 1, 2, 3, 4, 5, 6
ON CONFLICT (day, standard_id, kind, channel, service_id, language) DO UPDATE SET
    total = excluded.total, met = excluded.met, met_late = excluded.met_late,
    breached = excluded.breached, durations = excluded.durations,
    refreshed_at = excluded.refreshed_at
"""

_SQLITE_CASES_SQL = f"""
INSERT INTO standards_dailycasestat
    (day, standard_id, channel, service_id, language,
     received, resolved, right_first_time, refreshed_at)
SELECT {_SQLITE_LOCAL_DAY}, c.standard_id, c.channel, c.service_id, c.language,
       count(*),
       count(*) FILTER (WHERE c.status IN ('resolved', 'closed')),
       count(*) FILTER (WHERE c.status IN ('resolved', 'closed') AND c.reopened_count = 0),
       %(stamp)s
FROM contacts_case c
WHERE c.received_at >= %(start)s AND c.received_at < %(end)s
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (day, standard_id, channel, service_id, language) DO UPDATE SET
    received = excluded.received, resolved = excluded.resolved,
    right_first_time = excluded.right_first_time, refreshed_at = excluded.refreshed_at
"""

_UPSERTS = {
    "postgresql": (_MILESTONES_SQL, _CASES_SQL),
    "sqlite": (_SQLITE_MILESTONES_SQL, _SQLITE_CASES_SQL),
}

_STALE_SQL = (
    "DELETE FROM {table} WHERE day >= %(first)s AND day <= %(last)s AND refreshed_at <> %(stamp)s"
)


@dataclass(frozen=True)
class RefreshResult:
    first_day: date
    last_day: date
    done: bool  # False when another run held the lock


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def daily_stats_refresh(*, first_day: date, last_day: date, now: datetime) -> RefreshResult:
    """Rebuild the daily figures of cases received from ``first_day`` to ``last_day``."""
    vendor = connection.vendor
    if vendor not in _UPSERTS:
        return RefreshResult(first_day, last_day, done=False)
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_LOCK])
            if not cursor.fetchone()[0]:
                return RefreshResult(first_day, last_day, done=False)
        # SQLite needs no lock: its transactions begin IMMEDIATE (settings), so a second run
        # waits for the first and then rebuilds the same figures.
        daily_stats_rebuild(
            cursor,
            vendor=vendor,
            params=refresh_params(connection.ops, first_day=first_day, last_day=last_day, now=now),
        )
    return RefreshResult(first_day, last_day, done=True)


def refresh_params(ops, *, first_day: date, last_day: date, now: datetime) -> dict:
    """The upserts' parameters, as the database stores them (on PostgreSQL: unchanged; on
    SQLite: naive UTC text, which compares as the stored timestamps do)."""
    moment = ops.adapt_datetimefield_value
    return {
        "tz": settings.TIME_ZONE,
        "now": moment(now),
        # Every group this run writes carries ``now``; a group of the range left with an
        # earlier stamp was not seen, so it is gone (each run has its own ``now``).
        "stamp": moment(now),
        "start": moment(local_midnight(first_day)),
        "end": moment(local_midnight(last_day + timedelta(days=1))),
        "first": ops.adapt_datefield_value(first_day),
        "last": ops.adapt_datefield_value(last_day),
    }


def daily_stats_rebuild(cursor, *, vendor: str, params: dict) -> None:
    """The two upserts and the removal of the groups not seen, inside the caller's transaction."""
    for sql in _UPSERTS[vendor]:
        cursor.execute(sql, params)
    for table in ("standards_dailymilestonestat", "standards_dailycasestat"):
        cursor.execute(_STALE_SQL.format(table=table), params)


def daily_stats_refresh_recent(*, now: datetime, days: int = RECENT_DAYS) -> RefreshResult:
    today = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    return daily_stats_refresh(first_day=today - timedelta(days=days), last_day=today, now=now)


#: Older days change rarely (a late reply to an old case, a reopening): they are rebuilt once a
#: day, back this far, when their figures are more than a day old.
YEAR_DAYS = 400


def daily_stats_keep_current(*, now: datetime) -> bool:
    """The beat job: the recent days on every run; the year before them once a day."""
    recent = daily_stats_refresh_recent(now=now)
    if not recent.done:
        return False
    older_last = recent.first_day - timedelta(days=1)
    older_first = recent.first_day - timedelta(days=YEAR_DAYS)
    stale = DailyCaseStat.objects.filter(
        day__gte=older_first, day__lte=older_last, refreshed_at__lt=now - timedelta(days=1)
    ).exists()
    never = not DailyCaseStat.objects.filter(day__gte=older_first, day__lte=older_last).exists()
    if stale or never:
        daily_stats_refresh(first_day=older_first, last_day=older_last, now=now)
    return True
