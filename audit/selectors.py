"""Reads of the audit: who read a case, what a person read, over a period, newest first."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from . import hooks
from .models import Read


@dataclass(frozen=True)
class ReadQuery:
    """What to find: one case, one person or one customer record, within local dates (both
    days included; either may be open)."""

    case_id: int | None = None
    user_id: int | None = None
    customer_id: int | None = None
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class ReadRow:
    at: datetime
    user_id: int
    username: str
    name: str
    path: str
    case_id: int | None
    reference: str
    customer_id: int | None


@dataclass(frozen=True)
class ReadPage:
    rows: list[ReadRow]
    number: int
    has_previous: bool
    has_next: bool


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def reads_find(query: ReadQuery) -> QuerySet[Read]:
    """The reads ``query`` asks for, newest first (each filter has its index, the period the
    table's BRIN index)."""
    reads = Read.objects.all()
    if query.case_id is not None:
        reads = reads.filter(case_id=query.case_id)
    if query.user_id is not None:
        reads = reads.filter(user_id=query.user_id)
    if query.customer_id is not None:
        reads = reads.filter(customer_id=query.customer_id)
    if query.first:
        reads = reads.filter(at__gte=_start_of(query.first))
    if query.last:
        reads = reads.filter(at__lt=_start_of(query.last + timedelta(days=1)))
    return reads.order_by("-at", "-id")


def _rows(reads: list[Read]) -> list[ReadRow]:
    references = hooks.case_references({r.case_id for r in reads if r.case_id is not None})
    return [
        ReadRow(
            at=read.at,
            user_id=read.user_id,
            username=read.user.username,
            name=read.user.get_full_name() or read.user.username,
            path=read.get_path_display(),
            case_id=read.case_id,
            reference=references.get(read.case_id, "") if read.case_id is not None else "",
            customer_id=read.customer_id,
        )
        for read in reads
    ]


def reads_page(query: ReadQuery, *, number: int, size: int) -> ReadPage:
    """One page of reads: two queries (the page with its readers, then its cases'
    references), and no count — the table is too large to count for every page."""
    offset = (number - 1) * size
    reads = list(reads_find(query).select_related("user")[offset : offset + size + 1])
    return ReadPage(
        rows=_rows(reads[:size]),
        number=number,
        has_previous=number > 1,
        has_next=len(reads) > size,
    )


def reads_all(query: ReadQuery, *, chunk: int = 2000) -> Iterator[ReadRow]:
    """Every read ``query`` asks for, in chunks (an export: nothing held in memory whole)."""
    batch: list[Read] = []
    for read in reads_find(query).select_related("user").iterator(chunk_size=chunk):
        batch.append(read)
        if len(batch) == chunk:
            yield from _rows(batch)
            batch = []
    yield from _rows(batch)


@dataclass(frozen=True)
class ReaderSummary:
    """One person who read a case: when they last did, and how many times."""

    name: str
    last_read_at: datetime
    reads: int


def case_readers(*, case_id: int, limit: int = 10) -> list[ReaderSummary]:
    """Who has read the case, latest first, one line a person (the complaint page's "Recently
    viewed by")."""
    rows = (
        Read.objects.filter(case_id=case_id)
        .values("user_id", "user__username", "user__first_name", "user__last_name")
        .annotate(last=Max("at"), reads=Count("id"))
        .order_by("-last")[:limit]
    )
    return [
        ReaderSummary(
            name=f"{row['user__first_name']} {row['user__last_name']}".strip()
            or row["user__username"],
            last_read_at=row["last"],
            reads=row["reads"],
        )
        for row in rows
    ]
