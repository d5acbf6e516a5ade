"""Reads of the audit: who read a case, what a person read, over a period, newest first."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

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


def _name(person: User | None, user_id: int) -> str:
    if person is None:
        return _("Account %(number)s (deleted)") % {"number": user_id}
    return person.get_full_name() or person.username


def _rows(reads: list[Read]) -> list[ReadRow]:
    """The page's rows with who read and which case, one query each however many rows (not a
    join: a read stays in the audit whatever becomes of the account or the case)."""
    people = User.objects.in_bulk({read.user_id for read in reads})
    references = hooks.case_references({r.case_id for r in reads if r.case_id is not None})
    rows = []
    for read in reads:
        person = people.get(read.user_id)
        rows.append(
            ReadRow(
                at=read.at,
                user_id=read.user_id,
                username=person.username if person else "",
                name=_name(person, read.user_id),
                path=read.get_path_display(),
                case_id=read.case_id,
                reference=references.get(read.case_id, "") if read.case_id is not None else "",
                customer_id=read.customer_id,
            )
        )
    return rows


def reads_page(query: ReadQuery, *, number: int, size: int) -> ReadPage:
    """One page of reads: three queries (the page, its readers, its cases' references), and
    no count — the table is too large to count for every page."""
    offset = (number - 1) * size
    reads = list(reads_find(query)[offset : offset + size + 1])
    return ReadPage(
        rows=_rows(reads[:size]),
        number=number,
        has_previous=number > 1,
        has_next=len(reads) > size,
    )


def reads_all(query: ReadQuery, *, chunk: int = 2000) -> Iterator[ReadRow]:
    """Every read ``query`` asks for, in chunks (an export: nothing held in memory whole)."""
    batch: list[Read] = []
    for read in reads_find(query).iterator(chunk_size=chunk):
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
    viewed by"): two queries."""
    rows = list(
        Read.objects.filter(case_id=case_id)
        .values("user_id")
        .annotate(last=Max("at"), reads=Count("id"))
        .order_by("-last")[:limit]
    )
    people = User.objects.in_bulk({row["user_id"] for row in rows})
    return [
        ReaderSummary(
            name=_name(people.get(row["user_id"]), row["user_id"]),
            last_read_at=row["last"],
            reads=row["reads"],
        )
        for row in rows
    ]
