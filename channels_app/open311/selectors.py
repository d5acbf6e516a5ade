"""The reads of Open311: services, and the requests Open311 clients sent, each list one query."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Min, OuterRef, QuerySet, Subquery
from django.utils import timezone

from accounts.models import Service, User
from contacts.domain.lifecycle import OPEN
from contacts.models import OPEN_MILESTONE_STATES, Case, CaseEvent, CaseStatus, Milestone
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


def services_offered() -> list[ServiceEntry]:
    """Every council service, described by what the web-form standard promises (the wording
    in the active language)."""
    standard = case_rules().standard_for(
        channel=Channel.WEBFORM, contact_type="", kind="service_request"
    )
    promise = "; ".join(target.description for target in standard.targets.all()) if standard else ""
    return [
        ServiceEntry(code=service.code, name=service.name, description=promise)
        for service in Service.objects.order_by("name")
    ]


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
        cases = cases.filter(service__code=service_code)
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
        cases.select_related("service")
        .annotate(
            updated_at=Subquery(latest_event.values("created_at")[:1]),
            expected_at=Subquery(next_due),
            service_code=F("service__code"),
        )
        .order_by("-received_at")[:MAX_RESULTS]
    )


def is_open(case: Case) -> bool:
    return case.status in OPEN


def status_note(case: Case) -> str:
    return str(CaseStatus(case.status).label)
