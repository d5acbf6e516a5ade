"""Reads of the routing table: what is on offer, and where a resident's words point."""

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import QuerySet

from .domain.matching import Candidate, rank
from .models import RequestType

#: The staff form suggests at most this many destinations.
SUGGESTIONS = 3


def request_types_active() -> QuerySet[RequestType]:
    """Request types that take cases: active, of an active service (their team, if any,
    with it)."""
    return (
        RequestType.objects.filter(active=True, service__active=True)
        .select_related("service", "team")
        .order_by("ordering", "name", "pk")
    )


def request_types_public() -> QuerySet[RequestType]:
    """The topics of the public contact form."""
    return request_types_active().filter(public=True)


def request_types_open311() -> QuerySet[RequestType]:
    """The services Open311 clients may report to (GeoReport's "service" is our type)."""
    return request_types_active().exclude(open311_code="").order_by("open311_code")


@dataclass(frozen=True)
class Suggestion:
    request_type: RequestType
    score: Fraction  # the share of its best phrase found in the words
    phrase: str  # that phrase


def request_type_suggestions(
    words: str, *, among: Iterable[RequestType] | None = None, limit: int = SUGGESTIONS
) -> list[Suggestion]:
    """The request types ``words`` point to, best first, of ``among`` (already read) or else
    of the whole active table (one query: a few hundred rows at most), ranked by the pure
    rule (``domain.matching.rank``)."""
    if not words.strip():
        return []
    offered = request_types_active() if among is None else among
    types = {request_type.pk: request_type for request_type in offered}
    candidates = [Candidate(pk, request_type.phrases()) for pk, request_type in types.items()]
    return [
        Suggestion(types[match.key], match.score, match.phrase)
        for match in rank(words, candidates)[:limit]
    ]
