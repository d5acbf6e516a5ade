"""The SLA breach dashboard: open milestones breached, due today and due soon, by dimension.

The figures come from ``SlaSnapshot``, which ``sla_snapshot_take`` replaces each minute with
one ``INSERT ... SELECT ... GROUP BY`` (docs/adr/0011-standards-evaluation-figures.md); the
cases behind a figure are listed live by ``cases_behind``.

Both follow the one visibility policy (SPEC §6 and §9): a user counts and lists only cases
they may open. The snapshot keeps confidential cases apart; a user from whom the policy hides
any case has those counted live instead, as far as they may open them (a few complaints of
one service), so that a manager named in a complaint learns nothing of it, not even that a
figure counts it.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from contacts.audience import CONFIDENTIAL, CONFIDENTIAL_SQL
from contacts.domain import lifecycle
from contacts.models import OPEN_MILESTONE_STATES, Case, Milestone, MilestoneState
from contacts.selectors import case_visible_to

from ..models import SlaSnapshot

_LOCK = 0x5354_534E  # "STSN"

_SNAPSHOT_SQL = f"""
INSERT INTO standards_slasnapshot
    (taken_at, channel, standard_id, service_id, team_id, owner_id, language, confidential,
     breached, due_today, due_soon)
SELECT %s, c.channel, c.standard_id, c.service_id, c.team_id, c.owner_id, c.language,
       {CONFIDENTIAL_SQL},
       count(*) FILTER (WHERE m.state = 'breached' OR m.due_at <= %s),
       count(*) FILTER (WHERE m.state <> 'breached' AND m.due_at > %s AND m.due_at < %s),
       count(*) FILTER (WHERE m.state = 'due_soon' AND m.due_at > %s)
FROM contacts_milestone m
JOIN contacts_case c ON c.id = m.case_id
WHERE m.state IN ('breached', 'due_soon') OR (m.state = 'pending' AND m.due_at < %s)
GROUP BY c.channel, c.standard_id, c.service_id, c.team_id, c.owner_id, c.language,
         {CONFIDENTIAL_SQL}
"""


def end_of_day(now: datetime) -> datetime:
    """Midnight at the end of ``now``'s local day: "due today" is before it."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(now.astimezone(zone).date() + timedelta(days=1), time.min, tzinfo=zone)


def sla_snapshot_take(*, now: datetime) -> bool:
    """Recount the open milestones into ``SlaSnapshot``; False if another run was counting."""
    end = end_of_day(now)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_LOCK])
            if not cursor.fetchone()[0]:
                return False
        cursor.execute("DELETE FROM standards_slasnapshot")
        # As the database stores them: unchanged on PostgreSQL, naive UTC text on SQLite.
        at, until = (connection.ops.adapt_datetimefield_value(t) for t in (now, end))
        cursor.execute(_SNAPSHOT_SQL, [at, at, at, until, at, until])
    return True


class Bucket(StrEnum):
    BREACHED = "breached"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"


BUCKET_LABELS = {
    Bucket.BREACHED: _("Breached now"),
    Bucket.DUE_TODAY: _("Due today"),
    Bucket.DUE_SOON: _("Due soon"),
}


@dataclass(frozen=True)
class Dimension:
    key: str  # the query parameter of the drill-down
    label: object
    group_by: tuple[str, ...]  # snapshot columns: the id first, then what names it


DIMENSIONS = (
    Dimension("channel", _("Channel"), ("channel",)),
    Dimension("standard", _("Standard"), ("standard_id", "standard__event")),
    Dimension("service", _("Service"), ("service_id", "service__name")),
    Dimension("team", _("Team"), ("team_id", "team__name")),
    Dimension("officer", _("Officer"), ("owner_id", "owner__first_name", "owner__last_name")),
    Dimension("language", _("Language"), ("language",)),
)
DIMENSION_KEYS = {d.key for d in DIMENSIONS}


@dataclass(frozen=True)
class CountRow:
    value: str  # the drill-down parameter's value ("" for none)
    label: str
    breached: int
    due_today: int
    due_soon: int


@dataclass(frozen=True)
class Board:
    taken_at: datetime | None
    totals: CountRow
    tables: list[tuple[Dimension, list[CountRow]]]


def dashboard_scope(user: User) -> Q:
    """Administrators see every service; a manager their own."""
    if user.is_administrator:
        return Q()
    return Q(service_id=user.service_id) if user.service_id else Q(pk__in=[])


_SUMS = ("breached", "due_today", "due_soon")
#: Every snapshot column a dimension groups by, as read through a milestone's case.
_GROUPS = tuple(dict.fromkeys(column for d in DIMENSIONS for column in d.group_by))


def _counted_live(cases: QuerySet[Case], *, now: datetime) -> list[dict]:
    """What the snapshot would count of ``cases`` at ``now``, by every dimension's columns:
    its SQL, in the ORM."""
    end = end_of_day(now)
    milestones = Milestone.objects.filter(case__in=cases).filter(
        Q(state__in=[MilestoneState.BREACHED, MilestoneState.DUE_SOON])
        | Q(state=MilestoneState.PENDING, due_at__lt=end)
    )
    rows = milestones.values(*(f"case__{column}" for column in _GROUPS)).annotate(
        breached=Count("pk", filter=Q(state=MilestoneState.BREACHED) | Q(due_at__lte=now)),
        due_today=Count(
            "pk",
            filter=~Q(state=MilestoneState.BREACHED) & Q(due_at__gt=now, due_at__lt=end),
        ),
        due_soon=Count("pk", filter=Q(state=MilestoneState.DUE_SOON, due_at__gt=now)),
    )
    return [
        {key.removeprefix("case__"): value for key, value in row.items()} for row in rows.order_by()
    ]


def _figures(user: User, *, now: datetime) -> tuple[QuerySet[SlaSnapshot], list[dict]]:
    """The snapshot's rows the user reads, and the rows counted live for them: every case of
    the user's scope from the snapshot when the policy hides none from them (administrators),
    else the snapshot's other cases and, live, the confidential cases they may open."""
    rows = SlaSnapshot.objects.filter(dashboard_scope(user))
    visible = case_visible_to(user)
    if not visible.query.has_filters():
        return rows, []
    confidential = visible.filter(dashboard_scope(user), CONFIDENTIAL, status__in=lifecycle.OPEN)
    return rows.filter(confidential=False), _counted_live(confidential, now=now)


def _grouped(dimension: Dimension, rows: QuerySet[SlaSnapshot], live: list[dict]) -> list[dict]:
    """The dimension's rows: the snapshot summed by the database, plus what was counted live,
    the most breached first."""
    sums = {name: Sum(name) for name in _SUMS}
    merged = {
        tuple(row[c] for c in dimension.group_by): row
        for row in rows.values(*dimension.group_by).annotate(**sums).order_by()
    }
    for row in live:
        key = tuple(row[c] for c in dimension.group_by)
        into = merged.setdefault(
            key, {**{c: row[c] for c in dimension.group_by}, **dict.fromkeys(_SUMS, 0)}
        )
        for name in _SUMS:
            into[name] += row[name]
    tie = dimension.group_by[-1]
    return sorted(
        (row for row in merged.values() if any(row[name] for name in _SUMS)),
        key=lambda row: (
            -row["breached"],
            -row["due_today"],
            -row["due_soon"],
            row[tie] is None,  # as PostgreSQL sorts: NULLs last
            row[tie] or "",
        ),
    )


def sla_board(*, user: User, labeller, now: datetime) -> Board:
    """Every figure of the dashboard: one small aggregate per dimension over the snapshot,
    with the confidential cases the user may open counted live when the policy hides some.

    ``labeller(dimension, values)`` names a row (channel and language labels are choices;
    the names of standards, services and teams are the reader's language, which a snapshot
    row's joined base columns are not)."""
    rows, live = _figures(user, now=now)
    total = rows.aggregate(**{name: Sum(name) for name in _SUMS})
    totals = {name: (total[name] or 0) + sum(row[name] for row in live) for name in _SUMS}
    taken = SlaSnapshot.objects.order_by().values_list("taken_at", flat=True).first()
    tables = []
    for dimension in DIMENSIONS:
        tables.append(
            (
                dimension,
                [
                    CountRow(
                        value=""
                        if row[dimension.group_by[0]] is None
                        else str(row[dimension.group_by[0]]),
                        label=labeller(dimension, row),
                        breached=row["breached"],
                        due_today=row["due_today"],
                        due_soon=row["due_soon"],
                    )
                    for row in _grouped(dimension, rows, live)
                ],
            )
        )
    return Board(
        taken_at=taken,
        totals=CountRow("", "", totals["breached"], totals["due_today"], totals["due_soon"]),
        tables=tables,
    )


@dataclass(frozen=True)
class Drill:
    """The cases behind one figure: a bucket, and at most one value per dimension."""

    bucket: Bucket
    channel: str | None = None
    standard: int | None = None
    service: int | None = None
    team: int | None = None  # 0: no team
    officer: int | None = None  # 0: nobody owns it
    language: str | None = None


#: The most overdue (or the soonest due) first.
_MOST_URGENT_FIRST = (F("next_due_at").asc(nulls_last=True), "id")


def cases_behind(*, user: User, drill: Drill, now: datetime) -> QuerySet[Case]:
    """The open cases counted in one figure of the dashboard, live: those the user may open."""
    # Only an open case has open milestones; the status narrows the search by the
    # (service, status) index before each case's milestones are looked at.
    cases = case_visible_to(user).filter(dashboard_scope(user), status__in=lifecycle.OPEN)
    for field, value in (
        ("channel", drill.channel),
        ("standard_id", drill.standard),
        ("service_id", drill.service),
        ("language", drill.language),
    ):
        if value is not None:
            cases = cases.filter(**{field: value})
    for field, value in (("team_id", drill.team), ("owner_id", drill.officer)):
        if value is not None:
            cases = cases.filter(**{field: value or None})
    milestones = Milestone.objects.filter(case=OuterRef("pk"), state__in=OPEN_MILESTONE_STATES)
    if drill.bucket is Bucket.BREACHED:
        # The case's earliest open deadline (kept by contacts' triggers) has passed: exactly
        # the cases with an open milestone past its due time, with no milestone read.
        return cases.filter(next_due_at__lte=now).order_by(*_MOST_URGENT_FIRST)
    if drill.bucket is Bucket.DUE_TODAY:
        # A milestone due today makes the case's earliest deadline today or earlier.
        cases = cases.filter(next_due_at__lt=end_of_day(now))
        milestones = milestones.exclude(state=MilestoneState.BREACHED).filter(
            due_at__gt=now, due_at__lt=end_of_day(now)
        )
    else:
        milestones = milestones.filter(state=MilestoneState.DUE_SOON, due_at__gt=now)
    return cases.filter(Exists(milestones)).order_by(*_MOST_URGENT_FIRST)
