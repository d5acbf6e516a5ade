"""Making one cell's request and reading its answer: the URL from a route and an object, each
role's credentials, the answer as a code of the matrix, what the request wrote, and what the
answer gave away."""

import html
from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from .discovery import discover_routes
from .world import MACHINES, ROLE_NAMES, World, sign_in

#: Tables a read writes to by design (who opened a complaint, the audit of reads), left out of
#: "nothing changed": a page shown (a PUT to a page that ignores its method shows it too)
#: writes them. Add the read audit's table here if its name does not start with "audit_".
READ_LOGS = ("complaints_complaintview",)
READ_LOG_PREFIXES = ("audit_",)
#: Sessions live in cookies while the matrix runs; were they in the database again, signing
#: in or showing a message would write here.
SESSIONS = ("django_session",)

#: What a role that may not act may get for an unsafe method, as matrix codes.
REFUSALS = frozenset({"LOG", "401", "403", "404", "405"})


CASES = ("plain", "complaint", "confidential", "enquiry", "open311", "feedback")
#: Customer records, each named after the case it is the customer of: a route about one shows
#: that person's details to whoever may open customer records (one record for the council),
#: never the case itself to whoever may not read it.
CUSTOMERS = {f"{name} customer": name for name in ("plain", "complaint", "confidential")}

#: How each target's parameters read in a test's id (known before any database exists).
LABELS: dict[str, dict[str, str]] = {
    **{name: {"reference": f"<{name}>"} for name in CASES},
    "attachment": {"reference": "<complaint>", "attachment_id": "<attachment>"},
    "letter": {"pk": "<complaint letter>", "letter_id": "<complaint letter>"},
    "absence": {"absence_id": "<advisor's absence>"},
    "event": {"pk": "<ward event>"},
    "meeting": {"pk": "<council meeting>"},
    "paper": {"pk": "<council meeting>", "paper_id": "<its minutes>"},
    "ward": {"code": "<ward>"},
    "sample": {"sample_id": "<sample>"},
    "plain check": {"check_id": "<plain's check>"},
    "complaint check": {"check_id": "<complaint's check>"},
    "advisor": {"user_id": "<advisor>"},
    "advisor's account": {"id": "<advisor>"},
    "feed": {"token": "<councillor's feed>"},
    "satisfaction": {"token": "<plain's satisfaction link>"},
    "subject access": {"reference": "<subject access request>", "export_id": "<its export>"},
    "consultation": {"pk": "<open consultation>", "question": "<its free-text question>"},
    "consultation link": {"token": "<consultation response's check link>"},
    "closed consultation": {"pk": "<closed consultation>"},
    **{
        target: {
            "customer_id": f"<{name}'s customer>",
            "pk": f"<{name}'s customer>",
            "other_id": "<duplicate of plain's customer>",
        }
        for target, name in CUSTOMERS.items()
    },
}


def labels(target: str | None) -> dict[str, str]:
    return LABELS[target] if target else {}


def params(world: World, target: str | None) -> dict[str, str]:
    """The values of ``target``'s parameters, and what a row's query may use of it."""
    today = timezone.localdate()
    common = {"first": (today - timedelta(days=60)).isoformat(), "last": today.isoformat()}
    if target is None:
        return common
    if target in CASES:
        case = world.cases[target]
        customer = case.customer.name if case.customer else ""
        return {**common, "reference": case.reference, "customer": customer}
    if target in CUSTOMERS:
        customer_id = str(world.cases[CUSTOMERS[target]].customer_id)
        duplicate = str(world.duplicate.pk)
        return {**common, "customer_id": customer_id, "pk": customer_id, "other_id": duplicate}
    if target in ("consultation", "consultation link", "closed consultation"):
        assert world.consultations is not None
        made = world.consultations
        return {
            **common,
            "pk": str(made.closed.pk if target == "closed consultation" else made.open.pk),
            "question": str(made.question.pk),
            "token": made.token,
        }
    checks = {check.case_id: check.pk for check in world.sample.checks.all()}
    value: dict[str, object] = {
        "attachment": world.attachment.pk,
        "letter": world.letter.pk,
        "absence": world.absence.pk,
        "event": world.event.pk,
        "meeting": world.meeting.pk,
        "ward": world.ward.code,
        "sample": world.sample.pk,
        "plain check": checks[world.cases["plain"].pk],
        "complaint check": checks[world.cases["complaint"].pk],
        "advisor": world.users["advisor"].pk,
        "advisor's account": world.users["advisor"].pk,
        "feed": world.calendar_token,
        "satisfaction": world.satisfaction_token,
    }
    if target == "paper":
        return {**common, "pk": str(world.meeting.pk), "paper_id": str(world.paper.pk)}
    if target == "subject access":
        assert world.subject_access is not None
        export = world.subject_access
        return {**common, "reference": export.case.reference, "export_id": str(export.pk)}
    found = {name: str(value[target]) for name in LABELS[target]}
    if target == "attachment":
        found["reference"] = world.cases["complaint"].reference
    return {**common, **found}


def fill(path: str, values: Mapping[str, str]) -> str:
    for name, value in values.items():
        path = path.replace(f"<{name}>", value)
    assert "<" not in path, f"{path}: a parameter has no value"
    return path


@dataclass
class Caller:
    """The signed-in clients of every role, reused by every cell."""

    world: World
    clients: dict[str, Client] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.clients = {role: sign_in(self.world, role) for role in ROLE_NAMES}
        self.login_pages = _login_pages()
        self.localized = {route.path: route.localized for route in discover_routes()}
        self._params: dict[str | None, dict[str, str]] = {}

    def params(self, target: str | None) -> dict[str, str]:
        if target not in self._params:
            self._params[target] = params(self.world, target)
        return self._params[target]

    def request(
        self, role: str, method: str, path: str, *, localized: bool, query: str = "", **extra
    ) -> HttpResponseBase:
        client = self.clients[role]
        url = ("/en" if localized else "") + path
        if role in MACHINES:
            if path.startswith("/api/"):
                extra["HTTP_AUTHORIZATION"] = f"Token {self.world.api_tokens[role]}"
            elif path.startswith("/open311/"):
                key = self.world.open311_keys[role]
                query = f"{query}&api_key={key}" if query else f"api_key={key}"
        if query:
            url = f"{url}?{query}"
        cookies = deepcopy(client.cookies)  # signing out must not sign the role out for good
        try:
            return client.generic(method, url, **extra)
        finally:
            client.cookies = cookies

    def answer(self, response: HttpResponseBase) -> str:
        """The matrix's code for ``response``: its status, or ``LOG`` for the sign-in page."""
        if response.status_code in (301, 302, 303):
            location = response["Location"].split("?")[0]
            return "LOG" if location in self.login_pages else "302"
        return str(response.status_code)


def _login_pages() -> set[str]:
    with translation.override("en"):
        return {reverse("accounts:sign-in"), reverse("admin:login")}


def writes() -> dict[str, int]:
    """Rows inserted, updated or deleted in this transaction so far, per table (PostgreSQL's
    own count: no list of models to keep up to date)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return {
            table: count
            for table, count in cursor.fetchall()
            if table not in READ_LOGS + SESSIONS and not table.startswith(READ_LOG_PREFIXES)
        }


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {
        table: count - before.get(table, 0)
        for table, count in after.items()
        if count != before.get(table, 0)
    }


def body_text(response: HttpResponseBase) -> str | None:
    """What a person (or a program) would read in the answer; ``None`` for files that are not
    text (PDFs, spreadsheets), which the matrix does not open."""
    content_type = response.get("Content-Type", "")
    readable = ("text/", "application/json", "application/xml", "application/xhtml")
    if not content_type.startswith(readable):
        return None
    if isinstance(response, StreamingHttpResponse):
        data = b"".join(response.streaming_content)  # type: ignore[arg-type]
    elif isinstance(response, HttpResponse):
        data = response.content
    else:
        return None
    return html.unescape(data.decode("utf-8", errors="replace"))
