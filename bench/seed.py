#!/usr/bin/env python
"""Seed the benchmark database: 1,000,000 cases with their milestones, loaded with COPY.

    .venv/bin/python bench/seed.py [--cases 1000000] [--open 300000]

Drops and recreates ``cyswllt_bench``, migrates it (which loads the real standards catalogue),
creates services (ten, two teams each; the customer-services teams are the front-line contact
centre), the routing table (one request type per kind of case a service gets, each case of
the type its summary names), managers, advisors, councillors and an API administrator through
the ORM, then streams customers, cases, milestones, timeline events and SLA alerts in with
``COPY ... FROM STDIN`` while the secondary indexes and foreign keys are dropped; they are
rebuilt (and the foreign keys validated) afterwards, then ``VACUUM (ANALYZE)`` and a
``CHECKPOINT`` so the later measurements do not pay for the load.

Every milestone's due time comes from its case's standard's real targets, computed with the
project's own deadline rules and working calendar (checked on a sample at the end).

The state is relative to an anchor time ("now", the seed's start unless ``BENCH_NOW`` is set),
written to ``bench/results/seed_meta.json`` with the API token for the other scripts:

* 700,000 resolved or closed cases received over the last three years, milestones met or met
  late;
* 300,000 open cases (new / acknowledged / in progress), most received in the last fortnight
  with pending milestones due in the future, an older backlog whose milestones are already
  breached, and — left for the sweep to find —
  ~2,000 pending milestones whose due-soon time passed in the last ten minutes and ~500 open
  milestones whose due time did;
* 4 % of the cases in a team went to another service's queue and came back, half of them
  sent back because they had come to the wrong service (timeline events only; drawn from a
  generator of their own, so everything else is as it was without them).
"""

import argparse
import json
import queue
import random
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta

import _env

T0 = time.perf_counter()
TIMINGS: list[tuple[str, float]] = []


def step(name: str, started: float) -> float:
    now = time.perf_counter()
    TIMINGS.append((name, now - started))
    print(f"  {name:<44} {now - started:8.1f} s", flush=True)
    return now


# --- Sample data ------------------------------------------------------------------------------

SERVICES = [
    # code, name, weight, summaries
    (
        "waste",
        "Waste and recycling",
        22,
        [
            "Missed bin collection",
            "Request for a new recycling box",
            "Garden waste subscription",
            "Bulky waste collection",
            "Fly-tipping reported",
            "Assisted collection request",
        ],
    ),
    (
        "highways",
        "Highways and transport",
        16,
        [
            "Pothole reported",
            "Street light not working",
            "Blocked drain on the road",
            "Gritting request",
            "Damaged road sign",
            "Overgrown hedge over the pavement",
        ],
    ),
    (
        "housing",
        "Housing",
        12,
        [
            "Repair request: damp and mould",
            "Homelessness advice",
            "Housing register enquiry",
            "Rent account query",
            "Noise from a neighbour",
            "Heating not working",
        ],
    ),
    (
        "council-tax",
        "Council tax and benefits",
        14,
        [
            "Council tax bill query",
            "Single person discount",
            "Change of address",
            "Council tax reduction claim",
            "Direct debit change",
            "Housing benefit enquiry",
        ],
    ),
    (
        "planning",
        "Planning and building control",
        8,
        [
            "Planning application enquiry",
            "Breach of planning control",
            "Building control visit",
            "Pre-application advice",
            "Tree preservation order query",
        ],
    ),
    (
        "social-care",
        "Social services",
        8,
        [
            "Care assessment request",
            "Blue badge application",
            "Carer support enquiry",
            "Adaptation to the home",
            "Safeguarding concern passed on",
        ],
    ),
    (
        "env-health",
        "Environmental health",
        7,
        [
            "Noise nuisance complaint",
            "Food hygiene concern",
            "Pest control request",
            "Dog fouling reported",
            "Abandoned vehicle",
        ],
    ),
    (
        "education",
        "Education and schools",
        6,
        [
            "School admissions query",
            "School transport enquiry",
            "Free school meals application",
            "Welsh-medium education enquiry",
        ],
    ),
    (
        "leisure",
        "Libraries and leisure",
        4,
        [
            "Library membership",
            "Leisure centre booking",
            "Lost library book",
            "Swimming lessons enquiry",
        ],
    ),
    (
        "customer-services",
        "Customer services",
        3,
        [
            "General enquiry",
            "Comment about a council office",
            "Request for information in Welsh",
        ],
    ),
]

FIRST_NAMES = [
    "Ann",
    "Dafydd",
    "Eleri",
    "Gareth",
    "Sian",
    "Rhys",
    "Megan",
    "Iwan",
    "Catrin",
    "Huw",
    "Nia",
    "Owain",
    "Ffion",
    "Gethin",
    "Lowri",
    "Aled",
    "Carys",
    "Emyr",
    "Bethan",
    "Tomos",
    "John",
    "Sarah",
    "David",
    "Emma",
    "Michael",
    "Laura",
    "James",
    "Rachel",
    "Peter",
    "Claire",
]
LAST_NAMES = [
    "Jones",
    "Williams",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Hughes",
    "Lewis",
    "Morgan",
    "Griffiths",
    "Owen",
    "Price",
    "Jenkins",
    "Rees",
    "Edwards",
    "Lloyd",
    "Morris",
    "James",
    "Powell",
    "Parry",
    "Pritchard",
    "Bowen",
    "Howells",
    "Vaughan",
    "Smith",
]
TOWNS = [
    ("Aberaeron", "SA46"),
    ("Aberystwyth", "SY23"),
    ("Cardigan", "SA43"),
    ("Lampeter", "SA48"),
    ("New Quay", "SA45"),
    ("Tregaron", "SY25"),
    ("Llandysul", "SA44"),
    ("Borth", "SY24"),
]
STREETS = [
    "Stryd y Bont",
    "Heol y Wig",
    "Ffordd y Môr",
    "Maes y Deri",
    "Rhodfa'r Gogledd",
    "Heol Alban",
    "Stryd Fawr",
    "Lôn Glan Môr",
]
FORMS = [
    "report-missed-bin",
    "report-pothole",
    "council-tax-change",
    "request-service",
    "contact-us",
    "report-fly-tipping",
]
DEPARTMENT_MAILBOX = "{code}@example.gov.wales"

# Standard code -> (weight, list of (channel, contact_type, kind choices)).
# Kinds listed several times are weighted accordingly.
MIX = {
    "EMAIL_DEPARTMENT": (25, [("email", "department", ["enquiry", "enquiry", "service_request"])]),
    "WEBFORM": (24, [("webform", "", ["service_request", "service_request", "enquiry"])]),
    "PHONE_VOICEMAIL": (9, [("phone", "voicemail", ["enquiry", "service_request"])]),
    "LETTER": (7, [("letter", "", ["enquiry", "service_request"])]),
    "TEXT": (4, [("text", "", ["enquiry", "service_request"])]),
    "SOCIAL_MEDIA": (4, [("social", "", ["enquiry"])]),
    "FAX": (1, [("fax", "", ["enquiry"])]),
    "COMPLAINT": (
        9,
        [
            ("email", "department", ["complaint"]),
            ("webform", "", ["complaint"]),
            ("letter", "", ["complaint"]),
            ("phone", "answered", ["complaint"]),
        ],
    ),
    "FEEDBACK": (3, [("webform", "", ["feedback"]), ("email", "department", ["feedback"])]),
    "PHONE_CALLBACK": (6, [("phone", "callback", ["enquiry", "service_request"])]),
    "VISIT_APPOINTMENT": (4, [("visit", "appointment", ["enquiry"])]),
    "COUNCILLOR_ENQUIRY": (4, [("email", "officer", ["councillor_enquiry"])]),
}
# Standards whose first milestone is a 24-hour acknowledgement: the ones the injected
# "just crossed" rows use, so their due-soon / due times can be placed to the second.
HOURLY_ACK = ["EMAIL_DEPARTMENT", "WEBFORM", "TEXT"]


# --- Time helpers -----------------------------------------------------------------------------

_DAY_PREFIX: dict[int, str] = {}
_TIME_OF_DAY = [
    f" {h:02d}:{m:02d}:{s:02d}+00" for h in range(24) for m in range(60) for s in range(60)
]


def ts_text(ts: int | float) -> str:
    """COPY text for a UTC epoch time (int seconds on the fast path)."""
    if type(ts) is int:
        day = ts // 86400
        prefix = _DAY_PREFIX.get(day)
        if prefix is None:
            prefix = _DAY_PREFIX[day] = (date(1970, 1, 1) + timedelta(days=day)).isoformat()
        return prefix + _TIME_OF_DAY[ts - day * 86400]
    return datetime.fromtimestamp(ts, UTC).isoformat(sep=" ")


def ts_null(ts: int | float | None) -> str:
    return "\\N" if ts is None else ts_text(ts)


def ts_of(moment: datetime) -> int | float:
    value = moment.timestamp()
    return int(value) if value == int(value) else value


def dt_of(ts: int | float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def tsv(values) -> str:
    """One COPY text line; None is NULL. Values must not contain tab, newline or backslash."""
    return "\t".join(["\\N" if v is None else v if type(v) is str else str(v) for v in values])


# --- The loader -------------------------------------------------------------------------------


class CopyWriter:
    """Streams COPY payloads on its own connection in a thread, so generating the next chunk
    in Python overlaps with PostgreSQL ingesting the last one (2 cores)."""

    def __init__(self, dsn: str) -> None:
        import psycopg

        self.conn = psycopg.connect(dsn, autocommit=True)
        self.conn.execute("SET synchronous_commit = off")
        self.queue: queue.Queue = queue.Queue(maxsize=3)
        self.error: BaseException | None = None
        self.rows: dict[str, int] = {}
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while True:
                item = self.queue.get()
                if item is None:
                    return
                table, columns, lines = item
                payload = ("\n".join(lines) + "\n").encode()
                with (
                    self.conn.cursor() as cur,
                    cur.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy,
                ):
                    copy.write(payload)
                self.rows[table] = self.rows.get(table, 0) + len(lines)
        except BaseException as error:
            self.error = error

    def put(self, table: str, columns: list[str], lines: list[str]) -> None:
        if self.error:
            raise self.error
        if lines:
            self.queue.put((table, columns, lines))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self.conn.close()
        if self.error:
            raise self.error


LOADED_TABLES = [
    "contacts_customer",
    "contacts_case",
    "contacts_milestone",
    "contacts_caseevent",
    "messaging_outboundmessage",
]


def drop_secondary(cur) -> list[str]:
    """Drop the loaded tables' secondary indexes, unique and foreign-key constraints; return
    the DDL that recreates them (indexes and unique constraints first, foreign keys last)."""
    tables = LOADED_TABLES
    cur.execute(
        "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c WHERE c.contype IN ('u', 'f') "
        "AND (c.conrelid::regclass::text = ANY(%s) OR c.confrelid::regclass::text = ANY(%s))",
        [tables, tables],
    )
    constraints = cur.fetchall()
    cur.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid "
        "AND c.contype IN ('u', 'p', 'x'))",
        [tables],
    )
    indexes = cur.fetchall()
    recreate_unique, recreate_fk = [], []
    for table, name, kind, definition in constraints:
        # Foreign keys first: a unique constraint cannot go while a foreign key depends on it.
        if kind == "f":
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            recreate_fk.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for table, name, kind, definition in constraints:
        if kind == "u":
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            recreate_unique.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    recreate_index = []
    for name, definition in indexes:
        cur.execute(f"DROP INDEX {name}")
        recreate_index.append(definition)
    return recreate_index + recreate_unique + recreate_fk


def rebuild(dsn: str, statements: list[str]) -> None:
    """Run the index builds on two connections (two cores), then the foreign keys."""
    import psycopg

    builds = [s for s in statements if "FOREIGN KEY" not in s]
    fks = [s for s in statements if "FOREIGN KEY" in s]
    # Largest tables first so the two lanes finish close together.
    weight = {"contacts_milestone": 0, "contacts_case": 1, "contacts_caseevent": 2}
    builds.sort(key=lambda s: min((w for t, w in weight.items() if t in s), default=3))
    work: queue.Queue = queue.Queue()
    for statement in builds:
        work.put(statement)
    errors: list[BaseException] = []
    spent: list[tuple[float, str]] = []

    def timed(conn, statement: str) -> None:
        started = time.perf_counter()
        conn.execute(statement)
        spent.append((time.perf_counter() - started, statement))

    def lane() -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            conn.execute("SET max_parallel_maintenance_workers = 0")
            while True:
                try:
                    statement = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    timed(conn, statement)
                except BaseException as error:
                    errors.append(error)
                    return

    lanes = [threading.Thread(target=lane) for _ in range(2)]
    for t in lanes:
        t.start()
    for t in lanes:
        t.join()
    if errors:
        raise errors[0]
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        for statement in fks:
            timed(conn, statement)
    for seconds, statement in sorted(spent, reverse=True)[:6]:
        print(f"    {seconds:6.1f} s  {statement[:100]}")


# --- Generation -------------------------------------------------------------------------------
# --- Generation -------------------------------------------------------------------------------

DAY = 86400

CUSTOMER_COLUMNS = [
    "id",
    "created_at",
    "modified_at",
    "name",
    "email",
    "phone",
    "address",
    "postcode",
    "preferred_language",
    "preferred_contact_method",
    "large_print",
    "bsl",
    "interpreter_language",
    "other_needs",
]
CASE_COLUMNS = [
    "id",
    "created_at",
    "modified_at",
    "reference",
    "channel",
    "contact_type",
    "kind",
    "status",
    "language",
    "received_at",
    "summary",
    "description",
    "channel_details",
    "source_key",
    "reopened_count",
    "resolved_at",
    "closed_at",
    "owner_id",
    "service_id",
    "standard_id",
    "submitted_by_id",
    "team_id",
    "customer_id",
    "confidential",
    "request_type_id",
]
MILESTONE_COLUMNS = [
    "id",
    "kind",
    "rule",
    "starts_at",
    "due_at",
    "due_soon_at",
    "state",
    "state_changed_at",
    "met_at",
    "extended_at",
    "extension_reason",
    "original_due_at",
    "revision",
    "case_id",
    "target_id",
]
EVENT_COLUMNS = [
    "id",
    "kind",
    "created_at",
    "payload",
    "text",
    "actor_id",
    "case_id",
    "milestone_id",
]
#: SLA alerts are rows of messaging's one outbox (ADR 0016), already sent.
ALERT_COLUMNS = [
    "id",
    "key",
    "recipient_kind",
    "case_id",
    "person_id",
    "purpose",
    "method",
    "language",
    "recipient",
    "subject",
    "body",
    "state",
    "attempts",
    "next_attempt_at",
    "claim_token",
    "sent_at",
    "last_error",
    "created_at",
    "provider_reference",
    "large_print",
    "document",
]
#: Cases per COPY chunk.
CHUNK = 50_000
#: The share of cases (of those in a team) that went to another service and back.
HOPS_SHARE = 0.04

# The plan's kinds of case: closed, open, and the injected rows the sweep is to move: due-soon
# time just passed, due time just passed (still pending), due time just passed (already due soon).
CLOSED, OPEN, TO_DUE_SOON, TO_BREACH_PENDING, TO_BREACH_DUE_SOON = range(5)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=300_000)
    parser.add_argument("--due-soon-now", type=int, default=2_000)
    parser.add_argument("--breach-now", type=int, default=500)
    parser.add_argument("--customers", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=20261123)
    return parser.parse_args()


def anchor_time() -> datetime:
    """The seed's "now": BENCH_NOW if set, else the time it starts (whole seconds)."""
    import os

    return (
        datetime.fromisoformat(os.environ["BENCH_NOW"])
        if os.environ.get("BENCH_NOW")
        else datetime.now(UTC)
    ).replace(microsecond=0)


def fresh_database() -> None:
    """Drop and recreate the bench database, set Django up on it and migrate it."""
    import psycopg

    with psycopg.connect(_env.admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{_env.DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{_env.DB_NAME}"')
    _env.django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class Organisation:
    """Services, their teams, managers and advisors, councillors and the API administrator,
    created through the ORM."""

    def __init__(self, rng: random.Random) -> None:
        from accounts.models import Role, User

        self.services: list[tuple] = []  # (service, weight, summaries)
        self.teams_of: dict[int, list[int]] = {}
        self.advisors_of: dict[int, list[int]] = {}
        self.managers: dict[int, int] = {}
        for code, name, weight, summaries in SERVICES:
            self._add_service(rng, code, name, weight, summaries)
        self.request_type_of = self._add_request_types()
        self.councillors = [
            User.objects.create_user(
                username=f"councillor-{n}",
                role=Role.COUNCILLOR,
                email=f"councillor-{n}@example.gov.wales",
            ).pk
            for n in range(1, 31)
        ]
        self.admin = User.objects.create_user(
            username="bench-api", email="bench-api@example.gov.wales", role=Role.ADMINISTRATOR
        )
        self.token = self._add_api_token()

    def _add_api_token(self) -> str:
        """The benchmarks' API key: an ``accounts.ApiToken`` scoped to what they call (reading
        and creating cases, reading customer records), sent as ``Authorization: Token <key>``.
        Its expiry counts from the real time, not BENCH_NOW, so that it still works when the
        benchmarks run."""
        from django.conf import settings

        from accounts.api_tokens.scopes import Scope
        from accounts.api_tokens.services import api_token_issue

        now = datetime.now(UTC)
        _token, key = api_token_issue(
            user=self.admin,
            name="Benchmarks",
            scopes=[Scope.CASES_READ, Scope.CASES_WRITE],
            expires_at=now + timedelta(days=settings.API_TOKEN_MAX_DAYS),
            now=now,
        )
        return key

    def _add_service(
        self, rng: random.Random, code: str, name: str, weight: int, summaries: list[str]
    ) -> None:
        from accounts.models import Service

        service = Service.objects.create(
            code=code, name=name, email=DEPARTMENT_MAILBOX.format(code=code)
        )
        self.services.append((service, weight, summaries))
        self.teams_of[service.pk] = []
        for area in ("north", "south"):
            self._add_team(rng, service, code, name, area)

    def _add_request_types(self) -> dict[tuple[int, str], int]:
        """The routing table: each service's kinds of request (its summaries), the first two of
        each with an Open311 code and on the public form. Cases are of the type their summary
        names."""
        from routing.models import RequestType

        made = RequestType.objects.bulk_create(
            [
                RequestType(
                    service=service,
                    team_id=self.teams_of[service.pk][0],
                    name=summary,
                    name_en=summary,
                    name_cy=summary,
                    words_en=summary.lower(),
                    open311_code=f"{service.code}-{n}" if n < 2 else "",
                    public=n < 2,
                    ordering=n,
                )
                for service, _weight, summaries in self.services
                for n, summary in enumerate(summaries)
            ]
        )
        # Keyed by the summary (the English name), set above.
        return {(r.service_id, r.name): r.pk for r in made}

    def _add_team(self, rng: random.Random, service, code: str, name: str, area: str) -> None:
        from accounts.models import Role, Team, User

        manager = User.objects.create_user(
            username=f"{code}-{area}-manager",
            email=f"{code}-{area}-manager@example.gov.wales",
            role=Role.MANAGER,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
        )
        team = Team.objects.create(
            service=service,
            code=f"{code}-{area}",
            name=f"{name} ({area})",
            manager=manager,
            mailbox=f"{code}-{area}@example.gov.wales",
            # The council's contact centre logs contacts for every service.
            front_line=code == "customer-services",
        )
        manager.team = team
        manager.save(update_fields=["team"])
        self.managers[team.pk] = manager.pk
        self.teams_of[service.pk].append(team.pk)
        self.advisors_of[team.pk] = [
            User.objects.create_user(
                username=f"{code}-{area}-advisor-{n}",
                role=Role.ADVISOR,
                team=team,
                email=f"{code}-{area}-advisor-{n}@example.gov.wales",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
            ).pk
            for n in range(1, 7)
        ]


def target_threshold(target):
    from contacts.services import threshold_of

    return threshold_of(target)


class Deadlines:
    """The standards as the migration loaded them, and their deadlines by the project's own
    rules and working calendar (cached where a rule depends on the day alone)."""

    def __init__(self) -> None:
        from standards.models import Standard
        from standards.selectors import working_calendar

        self.standards = {
            s.code: s for s in Standard.objects.filter(code__in=MIX).prefetch_related("targets")
        }
        self.targets = {code: list(s.targets.all()) for code, s in self.standards.items()}
        self._check_selection()
        self.calendar = working_calendar()
        self.london = self.calendar.tz
        self._local_dates: dict[int, date] = {}
        self._working_days: dict[tuple, tuple[int, int]] = {}

    def _check_selection(self) -> None:
        """Every mix's channel, contact type and kind selects the mix's own standard."""
        from standards.domain.selection import SelectionKey, select_standard
        from standards.models import Standard

        keys = [
            SelectionKey(*row)
            for row in Standard.objects.filter(selectable=True, is_active=True).values_list(
                "code", "channel", "contact_type", "case_kind"
            )
        ]
        for code, (_, variants) in MIX.items():
            assert 1 <= len(self.targets[code]) <= 2, code
            for channel, contact_type, kinds in variants:
                for kind in kinds:
                    chosen = select_standard(
                        keys, channel=channel, contact_type=contact_type, kind=kind
                    )
                    assert chosen == code, (code, channel, contact_type, kind, chosen)

    def local_date(self, ts: int) -> date:
        hour = ts // 3600  # UK offsets are whole hours: the local date changes on the hour
        d = self._local_dates.get(hour)
        if d is None:
            d = self._local_dates[hour] = datetime.fromtimestamp(hour * 3600, self.london).date()
        return d

    def deadline(self, target, start: int, scheduled: int | None) -> tuple:
        """(due_ts, due_soon_ts) by the target's rule, as compute_deadline gives them."""
        from standards.domain.deadlines import Rule, compute_deadline

        rule = target.rule
        if rule == "working_days":
            return self._working_days_deadline(target, start)
        if rule == "hours":
            due = start + target.amount * 3600
            before = round(float(target.due_soon_fraction) * target.amount * 3600)
            return due, due - before
        d = compute_deadline(
            Rule(rule),
            target.amount,
            received_at=dt_of(start),
            calendar=self.calendar,
            scheduled_at=dt_of(scheduled),
            threshold=target_threshold(target),
        )
        return ts_of(d.due_at), ts_of(d.due_soon_at)

    def _working_days_deadline(self, target, start: int) -> tuple:
        from standards.domain.deadlines import within_working_days, working_day_due_soon

        key = (self.local_date(start), target.amount, target.due_soon_working_days)
        cached = self._working_days.get(key)
        if cached is None:
            due = within_working_days(dt_of(start), target.amount, self.calendar)
            soon = working_day_due_soon(
                due, calendar=self.calendar, working_days=target.due_soon_working_days
            )
            cached = self._working_days[key] = (ts_of(due), ts_of(soon))
        due, soon = cached
        return due, min(max(soon, start), due)

    def mismatches(self, sample: list[tuple]) -> int:
        """How many sampled (target, received, scheduled, due, soon) compute_deadline
        disagrees with."""
        from standards.domain.deadlines import Rule, compute_deadline

        mismatches = 0
        for target, received, scheduled, due, soon in sample:
            d = compute_deadline(
                Rule(target.rule),
                target.amount,
                received_at=dt_of(received),
                calendar=self.calendar,
                scheduled_at=None if scheduled is None else dt_of(scheduled),
                threshold=target_threshold(target),
            )
            if (ts_of(d.due_at), ts_of(d.due_soon_at)) != (due, soon):
                mismatches += 1
        return mismatches


def business_weighted(rng: random.Random, lo: int, hi: int) -> int:
    """A random time in [lo, hi], most of them in office hours on weekdays."""
    while True:
        ts = rng.randint(lo, hi)
        hour = (ts // 3600) % 24
        weekday = (ts // DAY + 3) % 7  # 1970-01-01 was a Thursday
        if weekday < 5:
            if 8 <= hour < 18 or rng.random() < 0.15:
                return ts
        elif rng.random() < 0.2:
            return ts


def plan_cases(rng: random.Random, args: argparse.Namespace, anchor: int) -> list[tuple[int, int]]:
    """(received time, kind of case) for every case, sorted, so ids and reference numbers
    ascend with the received times as in real life."""
    n_inject = args.due_soon_now + args.breach_now
    n_open_bulk = args.open - n_inject
    n_closed = args.cases - args.open
    plan: list[tuple[int, int]] = []
    three_years = 3 * 365 * DAY
    for _ in range(n_closed):
        plan.append((business_weighted(rng, anchor - three_years, anchor - DAY), CLOSED))
    for _ in range(n_open_bulk):
        if rng.random() < 0.85:
            plan.append((business_weighted(rng, anchor - 14 * DAY, anchor - 60), OPEN))
        else:
            plan.append((business_weighted(rng, anchor - 180 * DAY, anchor - 14 * DAY), OPEN))
    # Injected rows: the 24-hour acknowledgement's due-soon time (18 h) or due time (24 h)
    # passed in the last ten minutes.
    for _ in range(args.due_soon_now):
        plan.append((anchor - 18 * 3600 - rng.randint(1, 600), TO_DUE_SOON))
    for i in range(args.breach_now):
        plan.append(
            (
                anchor - 24 * 3600 - rng.randint(1, 600),
                TO_BREACH_PENDING if i % 2 else TO_BREACH_DUE_SOON,
            )
        )
    plan.sort()
    return plan


class Customers:
    """The customers, streamed to COPY; their e-mail, phone and language kept by id (index 0
    unused) for the cases to use."""

    def __init__(self) -> None:
        self.email: list[str] = [""]
        self.phone: list[str] = [""]
        self.language: list[str] = [""]

    def load(self, writer: CopyWriter, rng: random.Random, count: int, anchor: int) -> None:
        lines: list[str] = []
        for cid in range(1, count + 1):
            lines.append(self._line(rng, cid, anchor))
            if len(lines) == 100_000:
                writer.put("contacts_customer", CUSTOMER_COLUMNS, lines)
                lines = []
        writer.put("contacts_customer", CUSTOMER_COLUMNS, lines)

    def _line(self, rng: random.Random, cid: int, anchor: int) -> str:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        town, area = rng.choice(TOWNS)
        email = f"{first.lower()}.{last.lower()}{cid}@example.com" if rng.random() < 0.8 else ""
        phone = f"01970 {rng.randint(600000, 699999)}" if rng.random() < 0.7 else ""
        postcode = (
            f"{area} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        )
        lang = "cy" if rng.random() < 0.18 else ("en" if rng.random() < 0.8 else "")
        created = ts_text(anchor - rng.randint(DAY, 3 * 365 * DAY + 30 * DAY))
        line = tsv(
            (
                cid,
                created,
                created,
                f"{first} {last}",
                email,
                phone,
                f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {town}",
                postcode,
                lang,
                rng.choice(CONTACT_METHODS),
                "t" if rng.random() < 0.03 else "f",
                "t" if rng.random() < 0.005 else "f",
                "",
                "",
            )
        )
        self.email.append(email)
        self.phone.append(phone)
        self.language.append(lang)
        return line


CONTACT_METHODS = ["", "", "email", "phone", "text", "letter"]


# --- Channel details, as each channel's schema renders them (canonical JSON) ------------------
# Each returns (details, source_key, scheduled time or None).


def iso_z(ts: int) -> str:
    return dt_of(ts).isoformat().replace("+00:00", "Z")


def email_details(rng, case, customers):
    msg = case["msg"]
    customer_id = case["customer_id"]
    sender = (
        customers.email[customer_id]
        if customer_id and customers.email[customer_id]
        else f"resident{case['case_id']}@example.com"
    )
    to = (
        f"{case['service'].code}@example.gov.wales"
        if case["contact_type"] == "department"
        else f"officer{rng.randint(1, 400)}@example.gov.wales"
    )
    details = (
        f'{{"contact_type": "{case["contact_type"]}", "from_address": "{sender}", '
        f'"to_address": "{to}", "subject": "{rng.choice(case["summaries"])}", '
        f'"message_id": "<{msg}@mail.example.com>"}}'
    )
    return details, f"email:<{msg}@mail.example.com>", None


def webform_details(rng, case, customers):
    msg = case["msg"]
    return f'{{"form": "{rng.choice(FORMS)}", "submission_id": "{msg}"}}', f"webform:{msg}", None


def phone_details(rng, case, customers):
    msg = case["msg"]
    customer_id = case["customer_id"]
    number_ = (
        customers.phone[customer_id]
        if customer_id and customers.phone[customer_id]
        else f"07700 9{rng.randint(0, 99999):05d}"
    )
    scheduled = None
    extra = ""
    if case["contact_type"] == "callback":
        # Agreed for a quarter-hour between one hour and two working days ahead.
        scheduled = (case["received"] + rng.randint(3600, 2 * DAY)) // 900 * 900
        extra = f', "callback_at": "{iso_z(scheduled)}"'
    details = (
        f'{{"contact_type": "{case["contact_type"]}", "caller_number": "{number_}", '
        f'"call_id": "{msg}"{extra}, "handled_in_welsh": '
        f"{'true' if case['language'] == 'cy' else 'false'}}}"
    )
    return details, f"phone:{msg}", scheduled


def letter_details(rng, case, customers):
    town, area = rng.choice(TOWNS)
    details = (
        f'{{"postal_address": "{rng.randint(1, 120)} {rng.choice(STREETS)}, '
        f'{town}", "postcode": "{area} {rng.randint(1, 9)}AB"}}'
    )
    return details, None, None


def text_details(rng, case, customers):
    msg = case["msg"]
    details = f'{{"from_number": "+447700{rng.randint(900000, 900999)}", "message_id": "{msg}"}}'
    return details, f"text:{msg}", None


def social_details(rng, case, customers):
    msg = case["msg"]
    details = (
        f'{{"platform": "{rng.choice(["facebook", "x", "instagram"])}", '
        f'"handle": "@resident{rng.randint(1, 50000)}", "post_id": "{msg}"}}'
    )
    return details, f"social:{msg}", None


def fax_details(rng, case, customers):
    return f'{{"fax_number": "01970 {rng.randint(600000, 699999)}"}}', None, None


def visit_details(rng, case, customers):
    """A visit appointment: a working-hours slot one to ten days ahead."""
    slot = case["received"] + rng.randint(1, 10) * DAY
    scheduled = (
        slot // DAY * DAY
        + rng.choice([9, 10, 11, 13, 14, 15]) * 3600
        + rng.choice([0, 900, 1800, 2700])
    )
    details = (
        f'{{"contact_type": "appointment", "location": "Penmorfa, Aberaeron", '
        f'"scheduled_at": "{iso_z(scheduled)}"}}'
    )
    return details, None, scheduled


CHANNEL_DETAILS = {
    "email": email_details,
    "webform": webform_details,
    "phone": phone_details,
    "letter": letter_details,
    "text": text_details,
    "social": social_details,
    "fax": fax_details,
}


# --- Milestones' states -----------------------------------------------------------------------
# Rows are (target, start, due, soon, state, state_changed_at, met_at).


def met_milestones(rng, ms, *, received: int, created: int, anchor: int) -> tuple[list, int]:
    """A resolved or closed case's milestones: every one met (most on time), in order. Returns
    the rows and when the last was met."""
    rows = []
    last_met = received
    for target, start, due, soon in ms:
        span = max(due - start, 60)
        if rng.random() < 0.86:
            met = start + int(span * rng.uniform(0.05, 0.98))
        else:
            met = due + rng.randint(3600, 5 * DAY)
        met = min(max(met, last_met, created), anchor - 120)
        last_met = met
        state = "met" if met <= due else "met_late"
        rows.append((target, start, due, soon, state, met, met))
    return rows, last_met


def injected_milestone(cls: int, milestone: list, stats: dict) -> tuple:
    """The injected 24-hour acknowledgement the sweep is to move."""
    target, start, due, soon = milestone
    if cls == TO_DUE_SOON:
        state, changed = "pending", None
        stats["to_due_soon"] += 1
    elif cls == TO_BREACH_PENDING:
        state, changed = "pending", None
        stats["to_breach"] += 1
    else:
        state, changed = "due_soon", soon
        stats["to_breach"] += 1
    return (target, start, due, soon, state, changed, None)


def acknowledged_milestone(rng, milestone: list, *, created: int, anchor: int) -> tuple:
    target, start, due, soon = milestone
    span = max(due - start, 60)
    met = start + int(span * rng.uniform(0.05, 0.9))
    if rng.random() < 0.08:
        met = due + rng.randint(600, 2 * DAY)
    met = min(max(met, created), anchor - 60)
    state = "met" if met <= due else "met_late"
    return (target, start, due, soon, state, met, met)


def swept_milestone(milestone: list, *, anchor: int, stats: dict) -> tuple:
    """An open milestone in the state a sweep running every minute made it by now."""
    target, start, due, soon = milestone
    if soon > anchor:
        state, changed = "pending", None
    elif due > anchor:
        state, changed = "due_soon", soon
        stats["flagged_due_soon"] += 1
    else:
        state, changed = "breached", due
        stats["flagged_breached"] += 1
    return (target, start, due, soon, state, changed, None)


def open_status(rng, cls: int, *, received: int, anchor: int) -> str:
    if cls >= TO_DUE_SOON:
        return "new"
    if received > anchor - DAY:
        return "new" if rng.random() < 0.6 else "acknowledged"
    r = rng.random()
    return "new" if r < 0.05 else "acknowledged" if r < 0.5 else "in_progress"


def open_owner(rng, cls: int, status: str, team_id, advisors_of: dict):
    share = 0.6 if cls >= TO_DUE_SOON else (0.5 if status == "new" else 0.95)
    if team_id is not None and rng.random() < share:
        return rng.choice(advisors_of[team_id])
    return None


def open_milestones(
    rng, cls: int, ms: list, *, status: str, created: int, anchor: int, stats: dict
) -> tuple[list, int]:
    """An open case's milestones; returns the rows and the case's last change."""
    rows = []
    last_change = created
    for i, milestone in enumerate(ms):
        target = milestone[0]
        if cls >= TO_DUE_SOON and i == 0:
            rows.append(injected_milestone(cls, milestone, stats))
        elif target.milestone == "acknowledge" and status != "new":
            row = acknowledged_milestone(rng, milestone, created=created, anchor=anchor)
            rows.append(row)
            last_change = max(last_change, row[5])
        else:
            rows.append(swept_milestone(milestone, anchor=anchor, stats=stats))
    return rows, last_change


# --- Cases ------------------------------------------------------------------------------------


class CaseLoader:
    """Generates the cases with their milestones, timeline events and SLA alerts, and streams
    them to COPY in chunks."""

    def __init__(
        self,
        writer: CopyWriter,
        rng: random.Random,
        *,
        args: argparse.Namespace,
        anchor: int,
        organisation: Organisation,
        deadlines: Deadlines,
        customers: Customers,
    ) -> None:
        self.writer = writer
        self.rng = rng
        self.args = args
        self.anchor = anchor
        self.org = organisation
        self.deadlines = deadlines
        self.customers = customers
        self.target_pk = {t: t.pk for ts_ in deadlines.targets.values() for t in ts_}
        self.standard_pk = {code: s.pk for code, s in deadlines.standards.items()}
        self.service_pk = {s: s.pk for s, _, _ in organisation.services}
        self.std_codes = list(MIX)
        self.std_weights = [MIX[c][0] for c in self.std_codes]
        self.svc_weights = [w for _, w, _ in organisation.services]
        self.counters: dict[int, int] = {}
        self.case_lines: list[str] = []
        self.ms_lines: list[str] = []
        self.ev_lines: list[str] = []
        self.al_lines: list[str] = []
        self.ms_id = self.ev_id = self.al_id = 0
        self.stats = {
            "milestones": 0,
            "open": 0,
            "closed": 0,
            "resolved": 0,
            "flagged_due_soon": 0,
            "flagged_breached": 0,
            "to_due_soon": 0,
            "to_breach": 0,
            "transferred": 0,
            "misrouted": 0,
        }
        self.hops = random.Random(args.seed + 14)
        self.sample: list[tuple] = []  # (target, received, scheduled, due, soon) to check

    def load(self, plan: list[tuple[int, int]]) -> None:
        gen_started = time.perf_counter()
        for index, (received, cls) in enumerate(plan):
            self.add_case(index + 1, received, cls)
            if len(self.case_lines) >= CHUNK:
                self.flush()
                if (index + 1) % 200_000 == 0:
                    rate = (index + 1) / (time.perf_counter() - gen_started)
                    print(f"    {index + 1:>9,} cases  ({rate:,.0f}/s)", flush=True)
        self.flush()

    def flush(self) -> None:
        self.writer.put("contacts_case", CASE_COLUMNS, self.case_lines)
        self.writer.put("contacts_milestone", MILESTONE_COLUMNS, self.ms_lines)
        self.writer.put("contacts_caseevent", EVENT_COLUMNS, self.ev_lines)
        self.writer.put("messaging_outboundmessage", ALERT_COLUMNS, self.al_lines)
        self.case_lines, self.ms_lines, self.ev_lines, self.al_lines = [], [], [], []

    def reference(self, received: int) -> str:
        year = self.deadlines.local_date(received).year
        number = self.counters.get(year, 0) + 1
        self.counters[year] = number
        return f"CYS-{year}-{number:06d}"

    def add_case(self, case_id: int, received: int, cls: int) -> None:
        rng, anchor = self.rng, self.anchor
        reference = self.reference(received)
        code = (
            rng.choice(HOURLY_ACK)
            if cls >= TO_DUE_SOON
            else rng.choices(self.std_codes, self.std_weights)[0]
        )
        channel, contact_type, kinds = rng.choice(MIX[code][1])
        kind = rng.choice(kinds)
        service, _, summaries = rng.choices(self.org.services, self.svc_weights)[0]
        team_id = rng.choice(self.org.teams_of[service.pk]) if rng.random() < 0.92 else None
        customer_id = rng.randint(1, self.args.customers) if rng.random() < 0.88 else None
        submitted_by = rng.choice(self.org.councillors) if code == "COUNCILLOR_ENQUIRY" else None
        language = (
            self.customers.language[customer_id]
            if customer_id and self.customers.language[customer_id]
            else ("cy" if rng.random() < 0.12 else "en")
        )
        case = {
            "case_id": case_id,
            "received": received,
            "contact_type": contact_type,
            "service": service,
            "summaries": summaries,
            "customer_id": customer_id,
            "language": language,
            "msg": f"{case_id:x}{rng.getrandbits(32):08x}",
        }
        details, source_key, scheduled = CHANNEL_DETAILS.get(channel, visit_details)(
            rng, case, self.customers
        )
        created = min(received + rng.randint(5, 240), anchor)
        ms = self.milestones(code, received, scheduled)
        if cls == CLOSED:
            owner_id, status, resolved_at, closed_at, modified, rows, events = self.closed_case(
                ms, team_id=team_id, received=received, created=created
            )
        else:
            owner_id, status, resolved_at, closed_at, modified, rows, events = self.open_case(
                cls, ms, team_id=team_id, received=received, created=created
            )
        created_text = ts_text(created)
        summary = rng.choice(summaries)
        self.case_lines.append(
            tsv(
                (
                    case_id,
                    created_text,
                    modified,
                    reference,
                    channel,
                    contact_type,
                    kind,
                    status,
                    language,
                    ts_text(received),
                    summary,
                    "",
                    details,
                    source_key,
                    0,
                    resolved_at,
                    closed_at,
                    owner_id,
                    self.service_pk[service],
                    self.standard_pk[code],
                    submitted_by,
                    team_id,
                    customer_id,
                    # Every complaint is confidential (a constraint, docs/adr/0018).
                    "t" if kind == "complaint" else "f",
                    self.org.request_type_of[(service.pk, summary)],
                )
            )
        )
        self.ev_id += 1
        # Columns as EVENT_COLUMNS; the payload's shape: contacts/event_payloads.py.
        self.ev_lines.append(
            f'{self.ev_id}\tcreated\t{created_text}\t{{"status": "new"}}\t\t\\N\t{case_id}\t\\N'
        )
        manager_id = None if team_id is None else self.org.managers.get(team_id)
        recipients = {r for r in (owner_id, manager_id) if r}
        for row in rows:
            self.add_milestone(case_id, cls, row, recipients)
        for event_kind, at, from_status, to_status, _, actor in events:
            self.ev_id += 1
            self.ev_lines.append(
                tsv(
                    (
                        self.ev_id,
                        event_kind,
                        ts_text(at),
                        # The payload's shape: contacts/event_payloads.py.
                        json.dumps({"from": from_status, "to": to_status}),
                        "",
                        actor,
                        case_id,
                        None,
                    )
                )
            )
        if team_id is not None and self.hops.random() < HOPS_SHARE:
            self.add_hops(case_id, service, team_id, created)

    def add_hops(self, case_id: int, service, team_id: int, created: int) -> None:
        """The case went to another service's queue and came back, half of them sent back
        because they had come to the wrong service (issue 14); its own rows are unchanged.
        Drawn from a generator of their own, so the rest of the data is as without them."""
        hops = self.hops
        other, _, _ = hops.choices(self.org.services, self.svc_weights)[0]
        if other.pk == service.pk:
            return
        other_team = hops.choice(self.org.teams_of[other.pk])
        back = max(min(created + DAY, self.anchor - 30), created)
        out = min(created + 600, back)
        misrouted = hops.random() < 0.5
        sent_back: dict[str, object] = {"misrouted": True, "reason": "not_ours"}
        journeys: tuple[tuple[int, int, int, int, int, dict[str, object], str], ...] = (
            (out, team_id, other_team, service.pk, other.pk, {}, "Over to you, please."),
            (
                back,
                other_team,
                team_id,
                other.pk,
                service.pk,
                sent_back if misrouted else {},
                "Not ours: back to you." if misrouted else "Done our part; back to you.",
            ),
        )
        for at, from_team, to_team, from_service, to_service, extra, note in journeys:
            self.ev_id += 1
            payload = {
                "from_team": from_team,
                "to_team": to_team,
                "from_service": from_service,
                "to_service": to_service,
                **extra,
            }
            self.ev_lines.append(
                tsv(
                    (
                        self.ev_id,
                        "transferred",
                        ts_text(at),
                        json.dumps(payload),
                        note,
                        self.org.managers.get(from_team),
                        case_id,
                        None,
                    )
                )
            )
        self.stats["transferred"] += 1
        self.stats["misrouted"] += misrouted

    def milestones(self, code: str, received: int, scheduled: int | None) -> list[list]:
        """[target, start, due, soon] of each of the standard's targets."""
        ms = []
        for target in self.deadlines.targets[code]:
            due, soon = self.deadlines.deadline(target, received, scheduled)
            start = scheduled if target.rule == "minutes_after_scheduled" else received
            ms.append([target, start, due, soon])
            if len(self.sample) < 3000 and self.rng.random() < 0.01:
                self.sample.append((target, received, scheduled, due, soon))
        return ms

    def closed_case(self, ms: list, *, team_id, received: int, created: int) -> tuple:
        """Resolved or closed: every milestone met (most on time), in order."""
        rng, anchor = self.rng, self.anchor
        owner_id = None
        if team_id is not None and rng.random() < 0.93:
            owner_id = rng.choice(self.org.advisors_of[team_id])
        rows, last_met = met_milestones(rng, ms, received=received, created=created, anchor=anchor)
        resolved = min(last_met + rng.randint(0, 4 * 3600), anchor - 60)
        closed_at = None
        if resolved < anchor - 14 * DAY and rng.random() < 0.95:
            status = "closed"
            closed_at = ts_text(min(resolved + rng.randint(7 * DAY, 14 * DAY), anchor - 30))
            self.stats["closed"] += 1
        else:
            status = "resolved"
            self.stats["resolved"] += 1
        resolved_at = ts_text(resolved)
        return owner_id, status, resolved_at, closed_at, closed_at or resolved_at, rows, []

    def open_case(self, cls: int, ms: list, *, team_id, received: int, created: int) -> tuple:
        rng = self.rng
        self.stats["open"] += 1
        status = open_status(rng, cls, received=received, anchor=self.anchor)
        owner_id = open_owner(rng, cls, status, team_id, self.org.advisors_of)
        rows, last_change = open_milestones(
            rng, cls, ms, status=status, created=created, anchor=self.anchor, stats=self.stats
        )
        events = []  # (kind, at, from, to, milestone_id_or_None, actor)
        if status != "new":
            events.append(("status_changed", last_change, "new", status, None, owner_id))
        return owner_id, status, None, None, ts_text(last_change), rows, events

    def add_milestone(self, case_id: int, cls: int, row: tuple, recipients: set) -> None:
        """The milestone's row, and the events and alerts of the transitions it went through."""
        target, start, due, soon, state, changed, met = row
        self.ms_id += 1
        ms_id = self.ms_id
        self.stats["milestones"] += 1
        self.ms_lines.append(
            f"{ms_id}\t{target.milestone}\t{target.rule}\t{ts_text(start)}\t"
            f"{ts_text(due)}\t{ts_text(soon)}\t{state}\t{ts_null(changed)}\t"
            f"{ts_null(met)}\t\\N\t\t\\N\t0\t{case_id}\t{self.target_pk[target]}"
        )
        transitions = []
        if state in ("due_soon", "breached") and cls != TO_BREACH_PENDING:
            if soon < due:
                transitions.append(("milestone_due_soon", "due_soon", soon))
            if state == "breached":
                transitions.append(("milestone_breached", "breached", due))
        for event_kind, transition, at in transitions:
            self.ev_id += 1
            self.ev_lines.append(
                tsv(
                    (
                        self.ev_id,
                        event_kind,
                        ts_text(at),
                        json.dumps({"state": transition}),
                        "",
                        None,
                        case_id,
                        ms_id,
                    )
                )
            )
            for recipient in recipients:
                self.al_id += 1
                sent = ts_text(min(at + self.rng.randint(20, 120), self.anchor - 1))
                key = f"sla-alert:{ms_id}:0:{transition}:user:{recipient}"
                self.al_lines.append(
                    tsv(
                        (
                            *(self.al_id, key, "staff", case_id, recipient, "sla_alert"),
                            *("email", "en", f"user{recipient}@bench.invalid", "", "", "sent"),
                            *(1, ts_text(at), "", sent, "", ts_text(at), "", "f", ""),
                        )
                    )
                )


# --- After the load ---------------------------------------------------------------------------


def set_next_deadlines() -> None:
    """Each case's next deadline (before the indexes, which it would otherwise update)."""
    import psycopg

    with psycopg.connect(_env.BENCH_DATABASE_URL, autocommit=True) as conn:
        conn.execute(
            "UPDATE contacts_case c SET next_due_at = d.due FROM ("
            "  SELECT case_id, min(due_at) AS due FROM contacts_milestone"
            "  WHERE state IN ('pending', 'due_soon', 'breached') GROUP BY case_id"
            ") d WHERE c.id = d.case_id"
        )
        conn.execute("ALTER TABLE contacts_milestone ENABLE TRIGGER USER")


def set_sequences(conn, counters: dict[int, int]) -> None:
    """The id sequences past the loaded rows, and the reference counter past the references."""
    for table in LOADED_TABLES:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO contacts_referencecounter (year, last) VALUES (%s, %s) "
            "ON CONFLICT (year) DO UPDATE SET last = EXCLUDED.last",
            sorted(counters.items()),
        )
        # PostgreSQL takes references from one sequence per year (contacts/references.py).
        for year, last in sorted(counters.items()):
            cur.execute(f"CREATE SEQUENCE IF NOT EXISTS case_reference_{int(year)}")
            cur.execute("SELECT setval(%s, %s)", [f"case_reference_{int(year)}", last])


def counts(conn, anchor: int) -> dict:
    """What the load left, as the checks and the meta file report it."""

    def one(sql, params=None):
        return conn.execute(sql, params).fetchone()[0]

    now_dt = dt_of(anchor)
    return {
        "cases": one("SELECT count(*) FROM contacts_case"),
        "open cases": one(
            "SELECT count(*) FROM contacts_case WHERE status IN "
            "('new', 'acknowledged', 'in_progress')"
        ),
        "milestones": one("SELECT count(*) FROM contacts_milestone"),
        "open milestones": one(
            "SELECT count(*) FROM contacts_milestone WHERE state IN "
            "('pending', 'due_soon', 'breached')"
        ),
        "sweep: due soon to flag": one(
            "SELECT count(*) FROM contacts_milestone WHERE state = 'pending' "
            "AND due_soon_at <= %s AND due_at > %s",
            [now_dt, now_dt],
        ),
        "sweep: breaches to flag": one(
            "SELECT count(*) FROM contacts_milestone WHERE state IN ('pending', 'due_soon') "
            "AND due_at <= %s",
            [now_dt],
        ),
        "duplicate references": one(
            "SELECT count(*) - count(DISTINCT reference) FROM contacts_case"
        ),
        "database size": one("SELECT pg_size_pretty(pg_database_size(current_database()))"),
    }


def check_channel_details() -> None:
    """A sample of the channel details validates against the channel schemas."""
    from django.db import connection

    from contacts.channel_details import parse_details

    with connection.cursor() as cur:
        cur.execute(
            "SELECT channel, channel_details FROM contacts_case TABLESAMPLE SYSTEM (0.1) LIMIT 500"
        )
        for channel, details in cur.fetchall():
            parse_details(channel, json.loads(details) if isinstance(details, str) else details)


def fill_daily_tables(now: datetime) -> None:
    from contacts.models import Case
    from performance.dashboards.daily import daily_stats_refresh

    first = Case.objects.order_by("received_at").values_list("received_at", flat=True).first()
    if first is not None:
        daily_stats_refresh(
            first_day=first.date() - timedelta(days=1), last_day=now.date(), now=now
        )


def main() -> None:
    args = parse_args()
    rng = random.Random(args.seed)
    anchor_dt = anchor_time()
    anchor = int(anchor_dt.timestamp())
    print(
        f"seed: {args.cases:,} cases ({args.open:,} open) into {_env.DB_NAME}, "
        f"now = {anchor_dt.isoformat()}",
        flush=True,
    )

    # 1. Fresh database, migrated.
    import psycopg

    t = time.perf_counter()
    fresh_database()
    t = step("create database + migrate", t)

    # 2. People and organisation through the ORM.
    organisation = Organisation(rng)
    t = step("services, teams, users, token (ORM)", t)

    # 3. The standards as the migration loaded them, and the deadline machinery.
    deadlines = Deadlines()

    # 4. Received times, sorted, so ids and reference numbers ascend with them as in real life.
    t = time.perf_counter()
    plan = plan_cases(rng, args, anchor)
    t = step(f"plan {len(plan):,} received times", t)

    # 5. Customers.
    writer = CopyWriter(_env.BENCH_DATABASE_URL)
    with psycopg.connect(_env.BENCH_DATABASE_URL, autocommit=True) as conn:
        recreate = drop_secondary(conn.cursor())
        # The triggers that keep contacts_case.next_due_at would refresh every loaded case once
        # per COPY chunk; one set-based UPDATE after the load does it instead.
        conn.execute("ALTER TABLE contacts_milestone DISABLE TRIGGER USER")
    t = step(f"drop {len(recreate)} secondary indexes / constraints", t)
    customers = Customers()
    customers.load(writer, rng, args.customers, anchor)
    t = step(f"customers generated ({args.customers:,})", t)

    # 6. Cases, milestones, events, alerts.
    cases = CaseLoader(
        writer,
        rng,
        args=args,
        anchor=anchor,
        organisation=organisation,
        deadlines=deadlines,
        customers=customers,
    )
    cases.load(plan)
    t = step("cases/milestones/events generated", t)
    writer.close()
    t = step("COPY drained", t)
    print("    rows: " + ", ".join(f"{k} {v:,}" for k, v in writer.rows.items()), flush=True)

    # 7. Each case's next deadline, then indexes, constraints, sequences, the reference counter.
    set_next_deadlines()
    t = step("next deadlines", t)
    rebuild(_env.BENCH_DATABASE_URL, recreate)
    t = step(f"rebuild {len(recreate)} indexes / constraints", t)
    # The evaluation's daily tables, as the beat job keeps them (ADR 0011): one set-based
    # upsert per table over every day, so the evaluation and the public performance page
    # have their figures without running the job first.
    fill_daily_tables(anchor_dt)
    t = step("daily tables", t)
    with psycopg.connect(_env.BENCH_DATABASE_URL, autocommit=True) as conn:
        set_sequences(conn, cases.counters)
        t = step("sequences + reference counter", t)
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("VACUUM (ANALYZE)")
        t = step("VACUUM (ANALYZE)", t)
        conn.execute("CHECKPOINT")
        t = step("CHECKPOINT", t)

        # 8. Checks.
        checks = counts(conn, anchor)
    for name, value in checks.items():
        print(f"    {name:<28} {value if isinstance(value, str) else format(value, ',')}")
    assert checks["cases"] == args.cases
    assert checks["sweep: due soon to flag"] == args.due_soon_now, checks
    assert checks["sweep: breaches to flag"] == args.breach_now, checks
    assert checks["duplicate references"] == 0

    # Seeded deadlines agree with the project's own rules.
    mismatches = deadlines.mismatches(cases.sample)
    print(f"    deadline check: {len(cases.sample)} sampled milestones, {mismatches} mismatches")
    assert mismatches == 0
    check_channel_details()

    total = time.perf_counter() - T0
    print(f"  {'TOTAL':<44} {total:8.1f} s", flush=True)
    _env.save_meta(
        {
            "now": dt_of(anchor).isoformat(),
            "token": organisation.token,
            "api_user": organisation.admin.username,
            "services": [s.code for s, _, _ in organisation.services],
            "cases": args.cases,
            "open": args.open,
            "due_soon_now": args.due_soon_now,
            "breach_now": args.breach_now,
            "stats": cases.stats,
            "checks": checks,
            "timings": TIMINGS,
            "seed_seconds": round(total, 1),
            "peak_rss_mb": round(_env.peak_rss_mb(), 1),
        }
    )
    print(
        f"seed: done in {total:.1f} s, peak RSS {_env.peak_rss_mb():.0f} MB; "
        f"{_env.META.relative_to(_env.ROOT)} written",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
