"""Finding cases by what staff know: a reference, the customer's name, e-mail address, phone
number or postcode, or words in the case.

On PostgreSQL the words are matched with full-text search over the GIN indexes of the
migration, with two configurations: 'english', which stems ("collections" finds "collection"),
and 'simple', which matches words as written, Welsh included (PostgreSQL has no Welsh
dictionary). On the embedded SQLite default, a plain case-insensitive containment does. The
identifiers are matched through the normalised expressions of ``searchable`` on either.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case as SqlCase
from django.db.models import (
    DateTimeField,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from accounts.models import User

from . import searchable
from .models import Case, Customer
from .selectors import case_visible_to, with_details
from .visibility import customer_visible_to

#: Words beyond these add nothing a person would type, and cost the database.
MAX_WORDS = 8
#: A reference as contacts/references.py makes them (prefix, year, number), at most 20 long.
REFERENCE = re.compile(r"(?=.{1,20}$)[A-Z0-9]{1,10}-[0-9]{4}-[0-9]{1,8}")
#: A full UK postcode, and its first half (the "outward code", e.g. SA31), without spaces.
POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
OUTWARD_CODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
PHONE_LIKE = re.compile(r"\+?[0-9 ()\-.]{6,30}")


@dataclass(frozen=True)
class SearchTerms:
    """What one search box's text could be, each way it could be meant."""

    text: str
    reference: str | None
    email: str | None
    phones: tuple[str, ...]  # digits as stored, with the +44 and 0 forms of a UK number
    postcode: str | None  # capitals, no spaces
    postcode_is_outward: bool
    words: tuple[str, ...]  # letters and digits only: safe in a tsquery

    @property
    def empty(self) -> bool:
        return not self.text


def search_terms(query: str) -> SearchTerms:
    """Read a search box's text (already validated for length and NUL bytes by the form)."""
    text = " ".join(query.split())
    upper = text.upper()
    compact = upper.replace(" ", "")
    phones: tuple[str, ...] = ()
    if PHONE_LIKE.fullmatch(text):
        # "+44 (0)1824 ..." is written for people: the (0) is dialled only from inside the UK.
        digits = re.sub(r"[^0-9]", "", text.replace("(0)", ""))
        forms = {digits}
        if digits.startswith("44"):
            forms.add("0" + digits[2:])
        elif digits.startswith("0"):
            forms.add("44" + digits[1:])
        phones = tuple(sorted(forms))
    postcode = None
    outward = False
    if POSTCODE.fullmatch(compact):
        postcode = compact
    elif OUTWARD_CODE.fullmatch(compact):
        postcode, outward = compact, True
    return SearchTerms(
        text=text,
        reference=upper if REFERENCE.fullmatch(upper) else None,
        email=upper if "@" in text and " " not in text else None,
        phones=phones,
        postcode=postcode,
        postcode_is_outward=outward,
        words=tuple(re.findall(r"[^\W_]+", text.lower()))[:MAX_WORDS],
    )


def _on_postgres() -> bool:
    return connection.vendor == "postgresql"


def _matching_customers(terms: SearchTerms) -> QuerySet[Customer] | None:
    conditions = Q()
    customers = Customer.objects.all()
    if terms.email:
        customers = customers.alias(email_key=searchable.email_upper())
        conditions |= Q(email_key=terms.email)
    if terms.phones:
        customers = customers.alias(phone_key=searchable.phone_digits())
        conditions |= Q(phone_key__in=terms.phones)
    if terms.postcode:
        customers = customers.alias(postcode_key=searchable.postcode_compact())
        lookup = "postcode_key__startswith" if terms.postcode_is_outward else "postcode_key"
        conditions |= Q(**{lookup: terms.postcode})
    if terms.words:
        if _on_postgres():
            # Every word, each as the start of a word of the name: "eir jon" finds Eira Jones.
            prefixes = " & ".join(f"{word}:*" for word in terms.words)
            customers = customers.alias(name_words=searchable.customer_name_vector())
            conditions |= Q(name_words=SearchQuery(prefixes, config="simple", search_type="raw"))
        else:
            conditions |= Q(name__icontains=terms.text)
    if not conditions:
        return None
    return customers.filter(conditions)


#: Words common to many cases ("bin") match tens of thousands: the newest this many are ranked
#: and shown, and the page says so (ranking them all costs seconds at a million cases).
MAX_TEXT_MATCHES = 500
#: How far back each look for the newest word matches goes, until MAX_TEXT_MATCHES are found.
WINDOWS = (timedelta(days=30), timedelta(days=365), None)
#: A common name matches many customers; more than this many is not a search anyone reads.
MAX_CUSTOMERS = 1000


def _newest_text_matches(text_matches: QuerySet[Case]) -> list[int]:
    """The ids of the newest MAX_TEXT_MATCHES of ``text_matches``, looking back a window at a
    time: a common word fills the last month, a rare one is looked for further back.

    Each look is ordered by an expression no index serves, so that PostgreSQL finds the
    window's matches in the text indexes and sorts them. Ordered by the column itself, it
    would walk the received-at index instead, working out every case's words as it goes,
    through a million cases council-wide when a rare word matches none (1.8 s at 1 M cases).
    """
    newest = ExpressionWrapper(F("received_at") + Value(timedelta(0)), output_field=DateTimeField())
    found: list[int] = []
    now = timezone.now()
    since = None
    for window in WINDOWS:
        looked_at = text_matches.filter(received_at__lt=since) if since else text_matches
        since = now - window if window else None
        if since:
            looked_at = looked_at.filter(received_at__gte=since)
        found += looked_at.order_by(newest.desc(), "-id").values_list("pk", flat=True)[
            : MAX_TEXT_MATCHES - len(found)
        ]
        if len(found) >= MAX_TEXT_MATCHES:
            break
    return found


def case_search(*, user: User, query: str) -> QuerySet[Case]:
    """The cases ``user`` may see that match ``query``, best first: those whose reference or
    customer matched, then by how well the words matched, newest first among equals.

    The matching customers' ids and the newest ``MAX_TEXT_MATCHES`` cases matching the words
    are read first (two small queries), so that the cases' query is an OR of lists of ids
    PostgreSQL looks up by index: a subquery inside the OR makes it read every case of the
    service instead.
    """
    terms = search_terms(query)
    visible = case_visible_to(user)
    if terms.empty:
        return visible.none()
    by_identity = Q(reference=terms.reference) if terms.reference else Q()
    customers = _matching_customers(terms)
    if customers is not None:
        customer_ids = list(customers.order_by().values_list("pk", flat=True)[:MAX_CUSTOMERS])
        if customer_ids:
            by_identity |= Q(customer_id__in=customer_ids)
    relevance: Expression  # the rank of the words, or none without PostgreSQL's search
    if _on_postgres():
        english = SearchQuery(terms.text, config="english", search_type="websearch")
        simple = SearchQuery(terms.text, config="simple", search_type="websearch")
        vectors = {
            "text_english": searchable.case_text_vector("english"),
            "text_simple": searchable.case_text_vector("simple"),
        }
        by_text = Q(text_english=english) | Q(text_simple=simple)
        relevance = SearchRank(F("text_english"), english) + SearchRank(F("text_simple"), simple)
    else:
        vectors = {}
        by_text = Q(summary__icontains=terms.text) | Q(description__icontains=terms.text)
        relevance = Value(0.0, output_field=FloatField())
    newest_text_matches = _newest_text_matches(visible.alias(**vectors).filter(by_text))
    matched = Q(pk__in=newest_text_matches)
    if by_identity:
        matched |= by_identity
    identity_first = (
        SqlCase(When(by_identity, then=Value(1)), default=Value(0), output_field=IntegerField())
        if by_identity
        else Value(0, output_field=IntegerField())
    )
    cases = visible.alias(**vectors).filter(matched)
    return with_details(
        cases.annotate(identity_match=identity_first, relevance=relevance)
    ).order_by(F("identity_match").desc(), F("relevance").desc(), "-received_at", "-id")


def case_by_reference(*, user: User, query: str) -> Case | None:
    """The case whose reference is exactly ``query`` (any case, spaces around ignored), if
    ``user`` may see it: a search for a reference goes straight to the case."""
    reference = query.strip().upper()
    if not REFERENCE.fullmatch(reference):
        return None
    return case_visible_to(user).filter(reference=reference).only("reference").first()


#: The search page lists this many of the customers whose details match.
CUSTOMER_RESULTS = 10


def customer_search(*, user: User, query: str, limit: int = CUSTOMER_RESULTS) -> list[Customer]:
    """The customers whose name, e-mail address, telephone number or postcode match
    ``query``, by name, at most ``limit`` + 1 (so the page can say there are more): any
    customer of the council, for those who may open customer records, none for others."""
    terms = search_terms(query)
    if terms.empty or terms.reference:
        return []
    matching = _matching_customers(terms)
    if matching is None:
        return []
    return list(
        customer_visible_to(user)
        .filter(pk__in=matching.values("pk"))
        .order_by("name", "id")[: limit + 1]
    )
