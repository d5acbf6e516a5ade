"""The reads of Open311: services, and the requests Open311 clients sent, each list one query."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from accounts.models import User
from contacts.domain.lifecycle import OPEN
from contacts.models import OPEN_MILESTONE_STATES, Case, CaseEvent, CaseStatus, Milestone
from routing.selectors import request_types_open311
from standards.channels import Channel
from standards.selectors import case_rules

from .services import submission_prefix

#: GeoReport's default window when a client names neither references nor dates.
DEFAULT_WINDOW = timedelta(days=90)
#: The most requests one answer lists.
MAX_RESULTS = 1000


@dataclass(frozen=True)
class ServiceEntry:
    code: str
    name: str
    description: str
    group: str = ""  # the council service that deals with it
    keywords: str = ""  # the words residents use, comma-separated


def services_offered() -> list[ServiceEntry]:
    """GeoReport's services are the routing table's request types that have an Open311 code
    (docs/adr/0020), named in the active language and described by what the web-form
    standard promises."""
    standard = case_rules().standard_for(
        channel=Channel.WEBFORM, contact_type="", kind="service_request"
    )
    promise = "; ".join(target.description for target in standard.targets.all()) if standard else ""
    entries = [
        ServiceEntry(
            code=request_type.open311_code,
            name=request_type.name,
            description=promise,
            group=request_type.service.name,
            keywords=", ".join(line.strip() for line in request_type.words.splitlines() if line),
        )
        for request_type in request_types_open311()
    ]
    return sorted(entries, key=lambda entry: (entry.name.casefold(), entry.code))


def _open311_cases(client: User) -> QuerySet[Case]:
    # Only what this client sent: other cases hold residents' personal data, and another
    # client's reports are its own business (docs/adr/0018: a submitter reads what it raised).
    return Case.objects.filter(
        channel=Channel.WEBFORM,
        source_key__startswith=f"{Channel.WEBFORM}:{submission_prefix(client)}",
    )


def requests_find(
    *,
    client: User,
    references: Sequence[str] = (),
    service_code: str = "",
    status: str = "",
    start: datetime | None = None,
    end: datetime | None = None,
    now: datetime | None = None,
) -> list[Case]:
    """The requests ``client`` sent that it asked for, newest first, with the service, the
    next promised date (``expected_at``) and the time of the latest change (``updated_at``) in
    the same query."""
    cases = _open311_cases(client)
    if references:
        cases = cases.filter(reference__in=references)
    else:
        if start is None and end is None:
            start = (now or timezone.now()) - DEFAULT_WINDOW
        if start is not None:
            cases = cases.filter(received_at__gte=start)
        if end is not None:
            cases = cases.filter(received_at__lte=end)
    if service_code:
        # A request type's code, or (as clients configured before the routing table used)
        # a service's.
        cases = cases.filter(
            Q(request_type__open311_code=service_code)
            | Q(request_type__isnull=True, service__code=service_code)
        )
    if status == "open":
        cases = cases.filter(status__in=OPEN)
    elif status == "closed":
        cases = cases.exclude(status__in=OPEN)
    latest_event = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("-created_at")
    next_due = (
        Milestone.objects.filter(case=OuterRef("pk"), state__in=OPEN_MILESTONE_STATES)
        .values("case")
        .annotate(due=Min("due_at"))
        .values("due")
    )
    return list(
        cases.select_related("service", "request_type")
        .annotate(
            updated_at=Subquery(latest_event.values("created_at")[:1]),
            expected_at=Subquery(next_due),
            service_code=Coalesce(
                NullIf(F("request_type__open311_code"), Value("")), F("service__code")
            ),
        )
        .order_by("-received_at")[:MAX_RESULTS]
    )


def is_open(case: Case) -> bool:
    return case.status in OPEN


def status_note(case: Case) -> str:
    return str(CaseStatus(case.status).label)
