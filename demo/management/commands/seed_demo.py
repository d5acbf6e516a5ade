"""``manage.py seed_demo``: a small council to look around in on a first run.

It makes six services with their teams (the contact centre logs for every service), the
routing table's request types, a user for every role, three wards, the closure days
between Christmas and New Year, an API token, and about two dozen cases on all eight channels,
received over the last fifteen working days.

Cases are made the way every channel makes them, through ``parse_details`` and
``case_create``, and then worked through the case services, so their milestones, timelines
and SLA states are real. The SLA sweep then runs once, so some milestones show as breached or
due soon.

Running it again changes nothing: reference data is matched by code or username and written
only when missing or different, and the demo cases (which carry channel message ids) are made
only when none of them exists yet.

The demo users share a published password, so the command refuses any database but the
embedded SQLite file unless given ``--allow-server-database``.
"""

import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone, translation

from accounts.api_tokens.models import ApiToken
from accounts.models import Absence, Role, Service, Team, User
from contacts import services as case_services
from contacts.channel_details import parse_details
from contacts.models import Case, Customer, Milestone
from contacts.services import appointments
from contacts.services.closures import closure_day_add
from contacts.sla import sla_sweep
from councillors.models import Ward
from demo.case_data import CASES, LOGGED_BY_STAFF
from demo.case_seeds import (
    CUSTOMERS,
    Context,
    DaysAgo,
    Later,
    Step,
    local_at,
)
from demo.complaints import seed_complaints
from demo.consultations import seed_consultations
from demo.councillors import seed_councillors
from demo.customers import seed_customers
from demo.evaluation import seed_evaluation
from demo.reference import (
    ADMIN_SITE_ROLES,
    CLOSURE_REASON_CY,
    CLOSURE_REASON_EN,
    CLOSURES,
    DEMO_PASSWORD,
    DEMO_SOURCE_PREFIX,
    INTEGRATION_USERNAME,
    JOB_TITLES_CY,
    SERVICES,
    USERS,
    WARDS,
    WORKING_DAYS_BACK,
)
from demo.routing import seed_routing
from demo.security import (
    DEMO_TOKEN_KEY,
    demo_authenticators,
    demo_secret_base32,
    integration_permissions,
    integration_token,
)
from standards.domain.calendar import WorkingCalendar
from standards.models import ClosureDay
from standards.selectors import working_calendar


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _email(first_name: str, last_name: str) -> str:
    return _ascii(f"{first_name}.{last_name}".replace(" ", "")).lower() + "@example.gov.wales"


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """The row matching ``lookup`` with ``values``, written only when missing or different."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = _assign(obj, values)
    if changed:
        obj.save(update_fields=changed)
    return obj


def _assign(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the fields whose value differs; the names to save (with timestamps and, for a
    translated field, its untranslated column)."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    fields = {f.name for f in obj._meta.concrete_fields}
    extra = {name[:-3] for name in changed if name[-3:] in ("_cy", "_en")} & fields
    if changed and "modified_at" in fields:
        extra.add("modified_at")
    return changed + sorted(extra - set(changed))


class Command(BaseCommand):
    help = (
        "Create demo services, teams, users (password 'cyswllt-demo'), wards, closure days, an "
        "API token and about two dozen cases. Safe to run again: it changes nothing then."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-server-database",
            action="store_true",
            help="Seed a database other than the embedded SQLite file. The demo users have a "
            "published password: never use this on a live system.",
        )

    def handle(self, *args: Any, allow_server_database: bool = False, **options: Any) -> None:
        if connection.vendor != "sqlite" and not allow_server_database:
            raise CommandError(
                "seed_demo creates users with a published password. It runs on the embedded "
                "SQLite database; pass --allow-server-database to seed this "
                f"{connection.vendor} database anyway."
            )
        now = timezone.now()
        # The untranslated column of a modeltranslation field mirrors the default language.
        with translation.override("en"), transaction.atomic():
            teams = self._services()
            seed_routing()
            users = self._users(teams)
            demo_authenticators(list(users.values()))
            token = self._token(now)
            self._wards(users["councillor"])
            self._closures(now)
            self._absences(users, now)
            created = self._cases(users, teams, now)
            seed_customers(first_run=bool(created))
            seed_councillors(now=now)
            sweep = sla_sweep(now=now) if created else None
            seed_complaints(now=now)
            seed_evaluation(now=now)
            seed_consultations(now=now)
        # Written after the commit: output that fails (a closed pipe) cannot undo the seeding.
        with translation.override("en"):
            self._report(created, sweep, users, token)

    # --- reference data -------------------------------------------------------------------

    def _services(self) -> dict[str, Team]:
        teams: dict[str, Team] = {}
        for seed in SERVICES:
            service = _upsert(
                Service,
                {"code": seed.code},
                {
                    "name_cy": seed.name_cy,
                    "name_en": seed.name_en,
                    "email": seed.email,
                    "phone": seed.phone,
                    "website_cy": f"https://www.example.gov.wales/cy/{seed.code}",
                    "website_en": f"https://www.example.gov.wales/en/{seed.code}",
                },
            )
            teams[seed.team_code] = _upsert(
                Team,
                {"code": seed.team_code},
                {
                    "service": service,
                    "name_cy": seed.team_cy,
                    "name_en": seed.team_en,
                    "mailbox": seed.mailbox,
                    "front_line": seed.front_line,
                    "web_team": seed.web_team,
                },
            )
        return teams

    def _users(self, teams: dict[str, Team]) -> dict[str, User]:
        users: dict[str, User] = {}
        for seed in USERS:
            users[seed.username] = self._user(
                seed.username,
                {
                    "first_name": seed.first_name,
                    "last_name": seed.last_name,
                    "email": _email(seed.first_name, seed.last_name),
                    "role": seed.role,
                    "team": teams[seed.team] if seed.team else None,
                    "job_title": seed.job_title,
                    "job_title_en": seed.job_title,
                    "job_title_cy": JOB_TITLES_CY[seed.username],
                    "phone": seed.phone,
                    "preferred_language": seed.language,
                    "is_active": True,
                    "is_staff": seed.role in ADMIN_SITE_ROLES,
                    "is_superuser": False,
                },
                password=DEMO_PASSWORD,
            )
            if seed.role == Role.MANAGER:
                _upsert(Team, {"pk": teams[seed.team].pk}, {"manager": users[seed.username]})
        return users

    def _user(self, username: str, values: dict[str, Any], *, password: str | None) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **values)
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            return user
        changed = _assign(user, values)
        if password and not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
        return user

    def _token(self, now: datetime) -> ApiToken:
        # An advisor of the contact centre (logs contacts for every service) who may deliver
        # inbound e-mail: what an integration needs, and no administrator.
        integration = self._user(
            INTEGRATION_USERNAME,
            {
                "first_name": "Integration",
                "last_name": "API",
                "email": "integration@example.gov.wales",
                "role": Role.ADVISOR,
                "team": Team.objects.get(code="contact-centre"),
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
            },
            password=None,  # signs in with its token only
        )
        integration_permissions(integration)
        return integration_token(user=integration, now=now)

    def _wards(self, councillor: User) -> None:
        for code, name_cy, name_en in WARDS:
            ward = _upsert(Ward, {"code": code}, {"name_cy": name_cy, "name_en": name_en})
            # add() would insert-or-ignore, which still moves SQLite's id sequence.
            if not ward.councillors.filter(pk=councillor.pk).exists():
                ward.councillors.add(councillor)

    def _absences(self, users: dict[str, User], now: datetime) -> None:
        """The highways inspector is on leave this week, so that e-mail addressed to him is
        answered with the out-of-office reply."""
        today = timezone.localdate(now)
        _upsert(
            Absence,
            {"user": users["advisor-highways"]},
            {
                "starts_on": today,
                "ends_on": today + timedelta(days=4),
                "cover": users["manager-highways"],
                "urgent_contact": "01234 567200",
            },
        )

    def _closures(self, now: datetime) -> None:
        for day in CLOSURES:
            if not ClosureDay.objects.filter(date=day).exists():
                closure_day_add(
                    day=day, reason_cy=CLOSURE_REASON_CY, reason_en=CLOSURE_REASON_EN, now=now
                )

    # --- cases ----------------------------------------------------------------------------

    def _cases(self, users: dict[str, User], teams: dict[str, Team], now: datetime) -> list[Case]:
        if Case.objects.filter(source_key__contains=DEMO_SOURCE_PREFIX).exists():
            return []
        calendar = working_calendar()
        today = timezone.localdate(now)
        latest = today if calendar.is_working_day(today) else calendar.previous_working_day(today)
        days = [latest]
        while len(days) < WORKING_DAYS_BACK:
            days.append(calendar.previous_working_day(days[-1]))
        services = {team.code: team.service for team in teams.values()}
        service_of = {seed.code: services[seed.team_code] for seed in SERVICES}
        mailboxes = {team.code: team.mailbox for team in teams.values()}
        customers: dict[str, Customer] = {}
        created = []
        for seq, seed in enumerate(CASES, start=1):
            if isinstance(seed.received, DaysAgo):
                received_at = local_at(days[seed.received.n], seed.received.at)
            else:
                received_at = now - timedelta(hours=seed.received.hours)
            received_at = min(received_at, now - timedelta(minutes=10)).replace(microsecond=0)
            customer_seed = CUSTOMERS[seed.customer]
            context = Context(seq, received_at, now, calendar, customer_seed, users, mailboxes)
            details = parse_details(seed.channel, seed.details(context))
            customer = customers.get(seed.customer) or Customer(
                name=customer_seed.name,
                email=customer_seed.email,
                phone=customer_seed.phone,
                address=customer_seed.address,
                postcode=customer_seed.postcode,
                preferred_language=customer_seed.language,
            )
            owner = users[seed.owner]
            submitter = users[seed.submitted_by] if seed.submitted_by else None
            logged_by = submitter or (owner if seed.channel in LOGGED_BY_STAFF else None)
            case = case_services.case_create(
                channel=seed.channel,
                details=details,
                kind=seed.kind,
                service=service_of[seed.service],
                summary=seed.summary,
                description=seed.description,
                received_at=received_at,
                customer=customer,
                language=seed.language,
                owner=owner,
                submitted_by=submitter,
                actor=logged_by,
                confidential=seed.confidential,
                # Logged a few minutes after it arrived, as it would have been.
                now=min(received_at + timedelta(minutes=3), now),
            ).case
            customers[seed.customer] = case.customer
            for step in seed.steps:
                at = self._moment(step.when, received_at, calendar, now)
                self._apply(step, case, owner, at)
            created.append(case)
        return created

    @staticmethod
    def _moment(
        when: Later, received_at: datetime, calendar: WorkingCalendar, now: datetime
    ) -> datetime:
        if when.at:
            day = timezone.localdate(received_at)
            if when.working_days:
                day = calendar.add_working_days(day, when.working_days)
            moment = local_at(day, when.at)
        else:
            moment = received_at + timedelta(minutes=when.minutes)
        return max(min(moment, now - timedelta(minutes=1)), received_at)

    @staticmethod
    def _apply(step: Step, case: Case, actor: User, at: datetime) -> None:
        if step.action == "acknowledge":
            case_services.case_acknowledge(case=case, actor=actor, at=at)
        elif step.action == "respond":
            case_services.case_respond(case=case, actor=actor, at=at)
            if step.text:
                case_services.case_add_note(case=case, actor=actor, text=step.text, now=at)
        elif step.action == "resolve":
            case_services.case_resolve(case=case, actor=actor, note=step.text, at=at)
        elif step.action == "close":
            case_services.case_close(case=case, actor=actor, now=at)
        elif step.action == "meet":
            case_services.milestone_meet(case=case, kind=step.milestone, actor=actor, at=at)
        elif step.action == "note":
            case_services.case_add_note(case=case, actor=actor, text=step.text, now=at)
        elif step.action == "late":
            appointments.appointment_running_late(
                case=case, minutes=step.minutes, reason=step.text, actor=actor, now=at
            )
        else:
            raise CommandError(f"Unknown demo step {step.action!r}.")

    # --- output ---------------------------------------------------------------------------

    def _report(
        self, created: list[Case], sweep: Any, users: dict[str, User], token: ApiToken
    ) -> None:
        out = self.stdout
        if created:
            statuses = Counter(
                Case.objects.filter(pk__in=[c.pk for c in created]).values_list("status", flat=True)
            )
            states = Counter(
                Milestone.objects.filter(case__in=created).values_list("state", flat=True)
            )
            out.write(self.style.SUCCESS(f"Created {len(created)} demo cases."))
            out.write("  cases by status: " + _counts(statuses))
            out.write("  milestones by state: " + _counts(states))
            out.write(f"  SLA sweep: {sweep.due_soon} due soon, {sweep.breached} breached.")
        else:
            out.write("Demo cases already exist; left as they are.")
        out.write("")
        out.write(f"Demo logins (password for every one: {DEMO_PASSWORD})")
        rows = [("username", "role", "password", "name", "team")]
        for seed in USERS:
            user = users[seed.username]
            rows.append(
                (
                    user.username,
                    str(Role(user.role).label),
                    DEMO_PASSWORD,
                    user.get_full_name(),
                    user.team.name_en if user.team else "-",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            out.write(("  " + "  ".join(cells)).rstrip())
            if index == 0:
                out.write("  " + "  ".join("-" * width for width in widths))
        out.write("")
        out.write(
            "Administrators, managers, complaints officers and the data protection officer also "
            "give a security code after the password: add this key to an authenticator app "
            f"(time-based, 6 digits): {demo_secret_base32()}"
        )
        out.write("  or run `python manage.py demo_security_code` for the current code.")
        out.write("")
        scopes = ", ".join(token.scopes)
        out.write(
            f"API token of user '{INTEGRATION_USERNAME}' (contact centre advisor; scopes "
            f"{scopes}; expires {token.expiry_date:%Y-%m-%d}): {DEMO_TOKEN_KEY}"
        )
        out.write(f"  header: Authorization: Token {DEMO_TOKEN_KEY}")


def _counts(counter: Counter) -> str:
    return ", ".join(f"{key} {count}" for key, count in sorted(counter.items()))
