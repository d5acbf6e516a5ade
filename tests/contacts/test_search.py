"""The search selector: each way of finding a case, the order results come in, every service's
cases but never one the user may not read (docs/adr/0018), odd input, and the embedded SQLite
default's simpler matching.

The suite runs on PostgreSQL, so full-text search is what runs here; the fallback is checked by
telling the selector it is not on PostgreSQL, which runs the same containment queries SQLite
would.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from contacts import search
from contacts.models import Case, Customer
from contacts.search import case_by_reference, case_search, search_terms
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def case(
    service,
    *,
    summary: str,
    description: str = "",
    days: int = 0,
    kind: str = "enquiry",
    confidential: bool = False,
    **customer,
) -> Case:
    made = make_case(
        service=service,
        kind=kind,
        confidential=confidential,
        received_at=T0 + timedelta(days=days),
        customer=Customer(**customer) if customer else None,
    )
    Case.objects.filter(pk=made.pk).update(summary=summary, description=description)
    made.refresh_from_db()
    return made


@pytest.fixture
def cases(service):
    return {
        "jones": case(
            service,
            summary="Missed bin collection",
            description="The green bin was not emptied on Tuesday",
            name="Eira Jones",
            email="Eira.Jones@Example.com",
            phone="01824 706 000",
            postcode="LL15 1AB",
        ),
        "parry": case(
            service,
            summary="Biniau heb eu casglu",
            description="Ni chasglwyd y biniau ddydd Mawrth",
            days=1,
            name="Huw Parry",
            phone="+44 1824 555123",
            postcode="SA31 2XY",
        ),
        "neighbour": case(service, summary="Rubbish left by Mr Parry's neighbour", days=2),
        "bin_day": case(service, summary="Bin day question", days=3),
        "light": case(service, summary="Street light broken", days=4),
    }


EIRA = {
    "name": "Eira Jones",
    "email": "eira.jones@example.com",
    "phone": "01824706000",
    "postcode": "LL15 1AB",
}
#: Every way of finding Eira Jones's cases, by who she is and by what she wrote.
EIRA_QUERIES = ("eira jones", "eira.jones@example.com", "01824706000", "LL15 1AB", "highway")


@pytest.fixture
def other_services_cases(db):
    """Eira Jones's cases with two other services: one anybody on the staff may read, one
    confidential (adult social care), and a complaint."""
    highways, social_care = ServiceFactory(code="highways"), ServiceFactory(code="social-care")
    return {
        "highways": case(highways, summary="Pothole on the highway", days=-1, **EIRA),
        "social_care": case(
            social_care, summary="Carer visits the highway house", confidential=True, **EIRA
        ),
        "complaint": case(
            highways, summary="Complaint about the highway", kind="complaint", **EIRA
        ),
    }


def found(advisor, query: str) -> list[Case]:
    return list(case_search(user=advisor, query=query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("eira jones", ["jones"], id="name"),
        pytest.param("EIRA jon", ["jones"], id="name-start-of-words-any-case"),
        pytest.param("eira.jones@example.com", ["jones"], id="email-any-case"),
        pytest.param("01824 706000", ["jones"], id="phone-spaced-differently"),
        pytest.param("+44 1824 706000", ["jones"], id="phone-international-form"),
        pytest.param("01824555123", ["parry"], id="phone-stored-international"),
        pytest.param("ll151ab", ["jones"], id="postcode-without-space-lower-case"),
        pytest.param("SA31", ["parry"], id="postcode-outward-code"),
        pytest.param("collections", ["jones"], id="english-words-stemmed"),
        pytest.param("biniau", ["parry"], id="welsh-words-as-written"),
        pytest.param("casglu", ["parry"], id="welsh-summary-word"),
        pytest.param('"street light"', ["light"], id="quoted-phrase"),
        pytest.param("emptied tuesday", ["jones"], id="description-words"),
        pytest.param("nothing matches this", [], id="no-match"),
    ],
)
def test_finding_a_case_each_way(advisor, cases, query, expected):
    assert found(advisor, query) == [cases[name] for name in expected]


def test_other_services_cases_are_found_but_never_a_confidential_one(
    advisor, cases, other_services_cases
):
    """One council: the advisor finds another service's case every way; a confidential case
    of a service not theirs, and a complaint, are found no way at all."""
    readable = other_services_cases["highways"]
    for query in EIRA_QUERIES:
        results = found(advisor, query)
        assert readable in results, query
        assert other_services_cases["social_care"] not in results, query
        assert other_services_cases["complaint"] not in results, query
    assert case_by_reference(user=advisor, query=readable.reference) == readable
    for hidden in ("social_care", "complaint"):
        reference = other_services_cases[hidden].reference
        assert case_by_reference(user=advisor, query=reference) is None
        assert found(advisor, reference) == []


def test_staff_of_a_confidential_cases_service_find_it(other_services_cases):
    social_worker = UserFactory(
        team=TeamFactory(service=other_services_cases["social_care"].service)
    )
    assert other_services_cases["social_care"] in found(social_worker, "eira jones")


def test_a_reference_is_found_exactly_in_any_case(advisor, cases):
    reference = cases["light"].reference
    assert case_by_reference(user=advisor, query=f"  {reference.lower()} ") == cases["light"]
    assert case_by_reference(user=advisor, query=reference[:-1]) is None
    assert found(advisor, reference) == [cases["light"]]


def test_customer_matches_come_first_then_better_word_matches_then_newest(advisor, cases):
    # Huw Parry is the customer of one case; another only mentions a Mr Parry, and is newer.
    assert found(advisor, "parry") == [cases["parry"], cases["neighbour"]]
    # "bin" twice in the Jones case, once in the newer bin-day one.
    assert found(advisor, "bin") == [cases["jones"], cases["bin_day"]]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "bin & | ! ( ) :* <-> collection",
        "-bin OR collection",
        "' OR 1=1 --",
        "a:* & b",
        "\\",
        "(((",
        "_",
        "%",
        "@",
        "+",
        "ŵ ŷ â",
        "x" * 200,
        "word " * 40,
        "   ",
        "",
    ],
)
def test_odd_input_never_raises(advisor, cases, query):
    assert isinstance(found(advisor, query), list)


def test_the_sqlite_fallback_matches_by_containment(advisor, cases, monkeypatch):
    monkeypatch.setattr(search, "_on_postgres", lambda: False)
    assert found(advisor, "missed bin") == [cases["jones"]]
    assert found(advisor, "biniau") == [cases["parry"]]
    assert found(advisor, "eira jon") == [cases["jones"]]
    assert found(advisor, "01824 706000") == [cases["jones"]]
    assert found(advisor, "sa31 2xy") == [cases["parry"]]
    assert found(advisor, "Parry") == [cases["parry"], cases["neighbour"]]


def test_the_sqlite_fallback_never_finds_a_confidential_case(
    advisor, other_services_cases, monkeypatch
):
    monkeypatch.setattr(search, "_on_postgres", lambda: False)
    assert found(advisor, "highway") == [other_services_cases["highways"]]


def test_results_cost_the_same_few_queries_whatever_matches(
    advisor, cases, django_assert_max_num_queries
):
    # The matching customers' ids, the newest cases matching the words (the last month's, then
    # the last year's, then older ones while there are too few), the page, its milestones.
    with django_assert_max_num_queries(6):
        results = case_search(user=advisor, query="bin")
        rows = list(results[:25])
        assert [m.kind for row in rows for m in row.milestones.all()]


def test_councillors_and_clerks_find_only_their_own(db, cases, service):
    councillor = UserFactory(role=Role.COUNCILLOR, team=None)
    assert found(councillor, "bin") == []


def test_staff_without_a_service_find_nothing(db, cases):
    assert found(UserFactory(role=Role.MANAGER, team=None), "bin") == []


@pytest.mark.parametrize(
    ("query", "postcode", "outward", "phones", "email"),
    [
        ("LL15 1AB", "LL151AB", False, (), None),
        ("ll15", "LL15", True, (), None),
        ("01824 706000", None, False, ("01824706000", "441824706000"), None),
        ("+44 (0)1824", None, False, ("01824", "441824"), None),
        ("Ann@Example.com", None, False, (), "ANN@EXAMPLE.COM"),
        ("missed bin", None, False, (), None),
    ],
)
def test_search_terms(query, postcode, outward, phones, email):
    terms = search_terms(query)
    assert (terms.postcode, terms.postcode_is_outward, terms.phones, terms.email) == (
        postcode,
        outward,
        phones,
        email,
    )


def test_the_newest_word_matches_are_gathered_window_by_window(advisor, service, monkeypatch):
    """A word looked for a month, then a year, then ever back: the newest MAX_TEXT_MATCHES,
    newest first, whichever window each is in, and no older one once they are found."""
    monkeypatch.setattr(search, "MAX_TEXT_MATCHES", 3)
    now = timezone.now()
    ages = {"week": 7, "two_months": 60, "two_years": 730, "three_years": 1095}
    made = {}
    for name, days in ages.items():
        made[name] = make_case(service=service, received_at=now - timedelta(days=days))
        Case.objects.filter(pk=made[name].pk).update(summary=f"Fence {name}")
    make_case(service=service, received_at=now - timedelta(days=3))  # another word

    newest = search._newest_text_matches(Case.objects.filter(summary__icontains="fence").order_by())

    assert newest == [made["week"].pk, made["two_months"].pk, made["two_years"].pk]
    monkeypatch.setattr(search, "MAX_TEXT_MATCHES", 10)
    assert search._newest_text_matches(Case.objects.filter(summary__icontains="fence")) == [
        made[name].pk for name in ages
    ]
