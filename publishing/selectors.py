"""Reads of publication requests: the web team's queue, one request, the emergency report.

Every read starts from the one visibility policy (``contacts.selectors.case_visible_to``),
and each is a fixed number of queries however many rows: the milestones' times come in as
subqueries, not a query per row.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import DateTimeField, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from contacts.domain import lifecycle
from contacts.models import Milestone
from contacts.selectors import case_visible_to
from standards import milestone_kinds

from .domain.clock import second_language_took
from .models import PublicationRequest


def _milestone(kind: str, column: str) -> Subquery:
    return Subquery(
        Milestone.objects.filter(case_id=OuterRef("case_id"), kind=kind).values(column)[:1],
        output_field=DateTimeField(),
    )


def _with_times(requests: QuerySet[PublicationRequest]) -> QuerySet[PublicationRequest]:
    """Each request with its pages' due and published times (NULL: not owed, or not yet)."""
    return requests.select_related("case", "requested_by").annotate(
        english_due_at=_milestone(milestone_kinds.PUBLISH, "due_at"),
        english_at=_milestone(milestone_kinds.PUBLISH, "met_at"),
        welsh_due_at=_milestone(milestone_kinds.WELSH_VERSION, "due_at"),
        welsh_at=_milestone(milestone_kinds.WELSH_VERSION, "met_at"),
    )


def _visible(user: User) -> QuerySet[PublicationRequest]:
    return PublicationRequest.objects.filter(case__in=case_visible_to(user))


def web_queue(*, user: User) -> QuerySet[PublicationRequest]:
    """The open requests the user may see, emergencies first, then by the next deadline."""
    return _with_times(_visible(user).filter(case__status__in=lifecycle.OPEN)).order_by(
        "-emergency", "case__next_due_at", "case__received_at"
    )


def publication_get(*, user: User, reference: str) -> PublicationRequest | None:
    """One request the user may see, with its case's milestones."""
    return (
        _with_times(_visible(user).filter(case__reference=reference))
        .prefetch_related("case__milestones")
        .first()
    )


#: What the report reads of each emergency (the last two are ``_with_times``'s annotations).
_REPORT_COLUMNS = (
    "case__reference",
    "case__summary",
    "case__received_at",
    "english_at",
    "welsh_at",
)


@dataclass(frozen=True)
class ReportRow:
    reference: str
    what: str
    raised_at: datetime
    first_language: str  # "en" or "cy"
    first_at: datetime
    second_at: datetime | None  # None: still owed
    took: timedelta  # till the second language was published, or till now


def emergency_report(*, user: User, first: date, last: date, now: datetime) -> list[ReportRow]:
    """Every emergency raised from ``first`` to ``last`` (local dates) published in one
    language first, and how long the other took: the first publication's language, its time,
    the second's (or still owed) and the gap. One query."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    rows = (
        _with_times(
            _visible(user).filter(
                emergency=True, case__received_at__gte=start, case__received_at__lt=end
            )
        )
        .filter(Q(english_at__isnull=False) | Q(welsh_at__isnull=False))
        .order_by("case__received_at", "case__reference")
        .values(*_REPORT_COLUMNS)
    )
    report = []
    for row in rows:
        english_at, welsh_at = row["english_at"], row["welsh_at"]
        english_first = welsh_at is None or (english_at is not None and english_at <= welsh_at)
        first_at = english_at if english_first else welsh_at
        second_at = welsh_at if english_first else english_at
        report.append(
            ReportRow(
                reference=row["case__reference"],
                what=row["case__summary"],
                raised_at=row["case__received_at"],
                first_language="en" if english_first else "cy",
                first_at=first_at,
                second_at=second_at,
                took=second_language_took(first_at, second_at, now=now),
            )
        )
    return report
