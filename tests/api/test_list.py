"""GET /api/v1/cases/: the queue, filtered and paginated, newest first, only what the user may see.

The cases are built by hand through the services with fixed times (all GMT), so every filter has
a known answer:

====  =========  ========  =======  ===============  ============  ==============================
ref   service    channel   kind     status           owner         milestones (due, state)
====  =========  ========  =======  ===============  ============  ==============================
A 1   waste      email     enquiry  new              advisor       ack 03-03 10:00 breached,
                                                                   respond 03-16 17:00 pending
B 2   waste      phone     service  acknowledged     manager       ack 03-05 17:00 met
C 3   waste      letter    compl.   new              -             contact 03-19 17:00 due soon
D 4   waste      visit     enquiry  resolved         -             seen (no deadline) met
E 5   highways   social    enquiry  new              highways-a.   respond 03-10 17:00 breached
F 6   waste      webform   compl't  new              -             none (a compliment)
G 7   waste      email     enquiry  acknowledged     -             ack 03-12 10:00 met late,
                                                                   respond 03-25 17:00 pending
====  =========  ========  =======  ===============  ============  ==============================
"""

from datetime import UTC, datetime

import pytest

from contacts.models import Case, Milestone
from contacts.services import case_acknowledge, case_resolve
from tests.factories import make_case

from .conftest import CASES_URL

pytestmark = pytest.mark.django_db


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def ref(number: int) -> str:
    return f"CYS-2026-{number:06d}"


A, B, C, D, E, F, G = (ref(n) for n in range(1, 8))
ALL = [G, F, E, D, C, B, A]  # newest received first


def set_state(reference: str, kind: str, state: str) -> None:
    Milestone.objects.filter(case__reference=reference, kind=kind).update(state=state)


@pytest.fixture
def queue(service, team, advisor, highways, highways_advisor) -> None:
    make_case(service=service, received_at=utc(2026, 3, 2, 10, 0), owner=advisor)
    set_state(A, "acknowledge", "breached")

    b = make_case(
        service=service,
        channel="phone",
        kind="service_request",
        details={"contact_type": "voicemail", "caller_number": "01824 706000"},
        received_at=utc(2026, 3, 4, 9, 0),
        owner=team.manager,
    )
    case_acknowledge(case=b, actor=advisor, at=utc(2026, 3, 4, 12, 0), now=utc(2026, 3, 4, 12, 0))

    make_case(
        service=service,
        channel="letter",
        kind="complaint",
        details={"postal_address": "1 Stryd Fawr, Rhuthun"},
        received_at=utc(2026, 3, 5, 9, 0),
    )
    set_state(C, "contact", "due_soon")

    d = make_case(
        service=service,
        channel="visit",
        details={"contact_type": "reception"},
        received_at=utc(2026, 3, 6, 9, 0),
    )
    case_resolve(case=d, actor=advisor, at=utc(2026, 3, 6, 9, 30), now=utc(2026, 3, 6, 9, 30))

    make_case(
        service=highways,
        channel="social",
        details={"platform": "facebook", "handle": "@preswylydd"},
        received_at=utc(2026, 3, 9, 9, 0),
        owner=highways_advisor,
    )
    set_state(E, "respond", "breached")

    make_case(
        service=service,
        channel="webform",
        kind="compliment",
        details={"form": "compliments"},
        received_at=utc(2026, 3, 10, 9, 0),
    )

    g = make_case(service=service, received_at=utc(2026, 3, 11, 10, 0))
    case_acknowledge(case=g, actor=advisor, at=utc(2026, 3, 12, 11, 0), now=utc(2026, 3, 12, 11, 0))

    # The table above, checked once so that the filter tests can rely on it.
    assert {
        case.reference: (
            case.service.code,
            case.channel,
            case.kind,
            case.status,
            case.owner.username if case.owner else None,
            sorted((m.kind, m.due_at, m.state) for m in case.milestones.all()),
        )
        for case in Case.objects.all()
    } == {
        A: (
            "waste",
            "email",
            "enquiry",
            "new",
            "advisor",
            [
                ("acknowledge", utc(2026, 3, 3, 10, 0), "breached"),
                ("respond", utc(2026, 3, 16, 17, 0), "pending"),
            ],
        ),
        B: (
            "waste",
            "phone",
            "service_request",
            "acknowledged",
            "manager",
            [("acknowledge", utc(2026, 3, 5, 17, 0), "met")],
        ),
        C: (
            "waste",
            "letter",
            "complaint",
            "new",
            None,
            [("contact", utc(2026, 3, 19, 17, 0), "due_soon")],
        ),
        D: ("waste", "visit", "enquiry", "resolved", None, [("seen", None, "met")]),
        E: (
            "highways",
            "social",
            "enquiry",
            "new",
            "highways-advisor",
            [("respond", utc(2026, 3, 10, 17, 0), "breached")],
        ),
        F: ("waste", "webform", "compliment", "new", None, []),
        G: (
            "waste",
            "email",
            "enquiry",
            "acknowledged",
            None,
            [
                ("acknowledge", utc(2026, 3, 12, 10, 0), "met_late"),
                ("respond", utc(2026, 3, 25, 17, 0), "pending"),
            ],
        ),
    }


def references(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [case["reference"] for case in response.json()["results"]]


@pytest.fixture
def admin_api(client_for, administrator):
    return client_for(administrator)


def test_the_list_shows_every_case_newest_first_with_its_sla_state(admin_api, queue):
    response = admin_api.get(CASES_URL)

    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (7, None, None)
    assert [(c["reference"], c["sla_state"], c["next_due_at"]) for c in body["results"]] == [
        (G, "pending", "2026-03-25T17:00:00Z"),
        (F, None, None),
        (E, "breached", "2026-03-10T17:00:00Z"),
        (D, "met", None),
        (C, "due_soon", "2026-03-19T17:00:00Z"),
        (B, "met", None),
        (A, "breached", "2026-03-03T10:00:00Z"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("channel=email", [G, A]),
        ("channel=visit", [D]),
        ("channel=fax", []),
        ("kind=complaint", [C]),
        ("kind=service_request", [B]),
        ("kind=compliment", [F]),
        ("status=new", [F, E, C, A]),
        ("status=acknowledged", [G, B]),
        ("status=resolved", [D]),
        ("status=closed", []),
        ("sla_state=breached", [E, A]),
        ("sla_state=due_soon", [C]),
        ("sla_state=pending", [G, A]),
        ("sla_state=met", [D, B]),
        ("sla_state=met_late", [G]),
        ("service=highways", [E]),
        ("service=waste", [G, F, D, C, B, A]),
        ("service=parks", []),
        ("owner=advisor", [A]),
        ("owner=manager", [B]),
        ("owner=highways-advisor", [E]),
        ("owner=nobody", []),
        ("due_before=2026-03-06T00:00:00Z", [A]),
        ("due_before=2026-03-11T00:00:00Z", [E, A]),
        # 18:00 BST is 17:00 UTC: E is due at that instant, not before it.
        ("due_before=2026-03-10T18:00:00%2B01:00", [A]),
        ("due_before=2026-03-10T18:00:01%2B01:00", [E, A]),
        ("due_after=2026-03-20T00:00:00Z", [G]),
        ("due_after=2026-03-16T12:00:00Z&due_before=2026-03-20T00:00:00Z", [C, A]),
        ("channel=email&status=new", [A]),
        ("service=waste&sla_state=breached", [A]),
    ],
)
def test_each_filter_narrows_the_list(admin_api, queue, query, expected):
    assert references(admin_api.get(f"{CASES_URL}?{query}")) == expected


def test_pages_follow_each_other(admin_api, queue):
    first = admin_api.get(f"{CASES_URL}?page_size=3").json()
    second = admin_api.get(f"{CASES_URL}?page=2&page_size=3").json()
    last = admin_api.get(f"{CASES_URL}?page=3&page_size=3").json()

    assert (first["count"], first["next"], first["previous"]) == (
        7,
        "http://testserver/api/v1/cases/?page=2&page_size=3",
        None,
    )
    assert [c["reference"] for c in first["results"]] == [G, F, E]
    assert [c["reference"] for c in second["results"]] == [D, C, B]
    assert (last["next"], last["previous"]) == (
        None,
        "http://testserver/api/v1/cases/?page=2&page_size=3",
    )
    assert [c["reference"] for c in last["results"]] == [A]
    assert admin_api.get(f"{CASES_URL}?page=last&page_size=3").json() == last


def test_pagination_keeps_the_filters_in_the_links(admin_api, queue):
    body = admin_api.get(f"{CASES_URL}?service=waste&page_size=2").json()

    assert body["count"] == 6
    assert body["next"] == "http://testserver/api/v1/cases/?page=2&page_size=2&service=waste"


def test_the_page_size_is_capped_at_200(admin_api, service):
    for _ in range(201):
        make_case(service=service)

    body = admin_api.get(f"{CASES_URL}?page_size=1000").json()

    assert (body["count"], len(body["results"])) == (201, 200)
    assert body["next"] == "http://testserver/api/v1/cases/?page=2&page_size=1000"


def test_the_default_page_holds_50(admin_api, service):
    for _ in range(51):
        make_case(service=service)

    body = admin_api.get(CASES_URL).json()

    assert (body["count"], len(body["results"])) == (51, 50)


@pytest.mark.parametrize(
    ("language", "detail"), [("en", "Invalid page."), ("cy", "Tudalen annilys.")]
)
@pytest.mark.parametrize("page", ["4", "0", "-1", "first", "99999999999999999999"])
def test_a_page_past_the_end_is_not_found(client_for, administrator, queue, page, language, detail):
    response = client_for(administrator, language).get(f"{CASES_URL}?page={page}&page_size=3")

    assert (response.status_code, response.json()) == (404, {"detail": detail})


BAD_FILTERS = {
    "channel=pigeon": (
        {"channel": ['"pigeon" is not a valid choice.']},
        {"channel": ['Nid yw "pigeon" yn ddewis dilys.']},
    ),
    "kind=gossip": (
        {"kind": ['"gossip" is not a valid choice.']},
        {"kind": ['Nid yw "gossip" yn ddewis dilys.']},
    ),
    "status=open": (
        {"status": ['"open" is not a valid choice.']},
        {"status": ['Nid yw "open" yn ddewis dilys.']},
    ),
    "sla_state=late": (
        {"sla_state": ['"late" is not a valid choice.']},
        {"sla_state": ['Nid yw "late" yn ddewis dilys.']},
    ),
    "service=not%20a%20slug": (
        {
            "service": [
                'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'
            ]
        },
        {
            "service": [
                'Rhowch "slug" dilys sy\'n cynnwys llythrennau, rhifau, tanlinellau neu '
                "gysylltnodau yn unig."
            ]
        },
    ),
    "owner=" + "o" * 151: (
        {"owner": ["Ensure this field has no more than 150 characters."]},
        {"owner": ["Sicrhewch nad oes mwy na 150 nod yn y maes hwn."]},
    ),
    "due_before=yesterday": (
        {
            "due_before": [
                "Datetime has wrong format. Use one of these formats instead: "
                "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
            ]
        },
        {
            "due_before": [
                "Mae fformat y dyddiad a'r amser yn anghywir. Defnyddiwch un o'r fformatau hyn yn "
                "lle hynny: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."
            ]
        },
    ),
    "due_after=2026-03-01T00:00:00": (
        {
            "due_after": [
                "Give the time with its UTC offset, for example 2026-03-02T10:00:00+00:00."
            ]
        },
        {
            "due_after": [
                "Rhowch yr amser gyda'i wrthbwyso UTC, er enghraifft 2026-03-02T10:00:00+00:00."
            ]
        },
    ),
    "due_before=9999-12-31T23:59:59-05:00": (
        {"due_before": ["Datetime value out of range."]},
        {"due_before": ["Mae'r dyddiad a'r amser y tu allan i'r ystod a ganiateir."]},
    ),
    "channel=pigeon&status=open": (
        {
            "channel": ['"pigeon" is not a valid choice.'],
            "status": ['"open" is not a valid choice.'],
        },
        {
            "channel": ['Nid yw "pigeon" yn ddewis dilys.'],
            "status": ['Nid yw "open" yn ddewis dilys.'],
        },
    ),
}


@pytest.mark.parametrize(("language", "index"), [("en", 0), ("cy", 1)])
@pytest.mark.parametrize(("query", "errors"), BAD_FILTERS.items(), ids=BAD_FILTERS.keys())
def test_bad_filter_values_are_refused_with_translated_errors(
    client_for, advisor, query, errors, language, index
):
    response = client_for(advisor, language).get(f"{CASES_URL}?{query}")

    assert (response.status_code, response.json()) == (400, errors[index])


@pytest.mark.parametrize(
    "query",
    [
        "page_size=-1",
        "page_size=abc",
        "page_size=0",
        "page_size=99999999999999999999999",
        "channel=",
        "channel=email&channel=pigeon",
        "owner=%00",
        "owner=%ED%A0%80",
        "service=%F0%9F%97%91",
        "due_before=0001-01-01T00:00:00%2B01:00",
        "due_after=2026-13-45T25:61:00Z",
        "sla_state=" + "x" * 10_000,
        "unknown=1",
    ],
)
def test_odd_queries_never_make_a_server_error(admin_api, queue, query):
    response = admin_api.get(f"{CASES_URL}?{query}")

    assert response.status_code < 500


def test_staff_read_every_services_cases_but_not_the_confidential_ones_of_others(
    client_for, advisor, highways, highways_advisor, queue
):
    """One council (docs/adr/0018): staff read every service's cases; C is a complaint, for
    waste's complaints officers and managers only; H is confidential, for highways only."""
    make_case(service=highways, received_at=utc(2026, 3, 13, 9, 0), confidential=True)
    hidden = ref(8)
    assert references(client_for(advisor).get(CASES_URL)) == [G, F, E, D, B, A]
    assert references(client_for(advisor).get(f"{CASES_URL}?service=highways")) == [E]
    assert references(client_for(highways_advisor).get(CASES_URL)) == [hidden, G, F, E, D, B, A]
    assert references(client_for(advisor).get(f"{CASES_URL}?page_size=100")).count(hidden) == 0


def test_councillors_and_clerks_see_only_what_they_submitted(
    client_for, service, councillor, other_councillor, clerk, queue
):
    make_case(
        service=service,
        kind="councillor_enquiry",
        received_at=utc(2026, 3, 12, 9, 0),
        submitted_by=councillor,
    )
    make_case(service=service, received_at=utc(2026, 3, 12, 9, 30), submitted_by=clerk)

    assert references(client_for(councillor).get(CASES_URL)) == [ref(8)]
    assert references(client_for(clerk).get(CASES_URL)) == [ref(9)]
    assert references(client_for(other_councillor).get(CASES_URL)) == []


def test_the_administrator_sees_every_service(admin_api, queue):
    assert references(admin_api.get(CASES_URL)) == ALL
