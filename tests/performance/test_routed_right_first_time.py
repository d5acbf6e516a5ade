"""Routed right first time (SPEC §9), against a hand-counted month.

March 2026, two services, every case received 2 March 10:00 and resolved as below (local
times: BST from 29 March, so 31 March 23:59 is 22:59 UTC and 1 April 00:00 is 23:00 UTC):

    case  at the end  its hops                                  resolved        counts
    W1    waste       none                                      5 March         waste, right
    W2    waste       waste → tax → back to waste, misrouted    10 March        waste, sent back
    W3    waste       waste → tax (not misrouted) → waste       12 March        waste, right
    W4    waste       none                                      31 March 23:59  waste, right
    W5    waste       none                                      1 April 00:00   April: left out
    W6    waste       none                                      open            left out
    T1    tax         waste → tax → waste → tax, the second     20 March        tax, sent back
                      hop misrouted
    T2    tax         waste → tax; resolved, then closed        6 March         tax, right

Waste: 4 closed, 1 sent back, 3 right = 75.0 %. Tax: 2 closed, 1 sent back, 1 right = 50.0 %.
A hop between services that was not marked misrouted (W3) does not count against it.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from contacts.services import case_close, case_resolve, case_transfer
from performance.dashboards.evaluation import Period, evaluation_tables, routing_right_first_time
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
MARCH = Period(first=date(2026, 3, 1), last=date(2026, 3, 31))


def on(day: int, month: int = 3, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def month(service, team, advisor):
    tax = ServiceFactory(code="tax", name_en="Council tax", name_cy="Treth y cyngor")
    tax_officer = UserFactory(team=TeamFactory(service=tax, code="billing"), username="tax")

    def case(hops=(), resolved=None, close=False):
        made = make_case(service=service, received_at=RECEIVED, owner=advisor)
        for n, (to, misrouted) in enumerate(hops):
            actor, target = (advisor, tax_officer) if to == "tax" else (tax_officer, advisor)
            case_transfer(
                case=made,
                actor=actor,
                note="hop",
                to_user=target,
                misrouted=misrouted,
                now=on(3, hour=10 + n),
            )
        if resolved:
            owner = tax_officer if hops and hops[-1][0] == "tax" else advisor
            case_resolve(case=made, actor=owner, at=resolved, now=resolved)
            if close:
                case_close(case=made, actor=owner, now=resolved)
        return made

    case(resolved=on(5))  # W1
    case(hops=[("tax", None), ("waste", "not_ours")], resolved=on(10))  # W2
    case(hops=[("tax", None), ("waste", None)], resolved=on(12))  # W3
    case(resolved=on(31, hour=22, minute=59))  # W4: 23:59 BST, still March
    case(resolved=on(31, hour=23))  # W5: midnight BST, April
    case()  # W6
    case(
        hops=[("tax", None), ("waste", "wrong_request_type"), ("tax", None)], resolved=on(20)
    )  # T1
    t2 = case(hops=[("tax", None)], resolved=on(6), close=True)  # T2
    return tax, t2


def test_the_share_of_closed_cases_never_sent_back_per_service(month):
    table = routing_right_first_time(MARCH)

    assert table.slug == "routed-right-first-time"
    assert table.rows == [
        ["Council tax", 2, 1, 1, Decimal("50.0")],
        ["Waste and recycling", 4, 1, 3, Decimal("75.0")],
    ]


def test_one_service_chosen(month, service):
    mine = Period(first=MARCH.first, last=MARCH.last, service_id=service.pk)
    assert routing_right_first_time(mine).rows == [
        ["Waste and recycling", 4, 1, 3, Decimal("75.0")]
    ]


def test_one_query_however_many_cases(month, django_assert_num_queries):
    with django_assert_num_queries(2):  # the figures, and the services' names
        routing_right_first_time(MARCH)


def test_it_is_among_the_evaluations_tables(month):
    assert "routed-right-first-time" in [table.slug for table in evaluation_tables(MARCH)]


@pytest.mark.parametrize(
    ("lang", "title", "column"),
    [
        ("en", "Routed right first time, by service", "Percentage routed right first time"),
        (
            "cy",
            "Wedi&#x27;i lwybro&#x27;n iawn y tro cyntaf, yn ôl gwasanaeth",
            "Canran wedi&#x27;u llwybro&#x27;n iawn y tro cyntaf",
        ),
    ],
)
def test_the_evaluation_page_shows_it_in_both_languages(
    client, month, administrator, lang, title, column
):
    client.force_login(administrator)
    page = client.get(
        f"/{lang}/standards-evaluation/?first=2026-03-01&last=2026-03-31&grain=month"
    ).content.decode()

    assert title in page and column in page
    assert "75.0%" in page
    export = client.get(
        f"/{lang}/standards-evaluation/routed-right-first-time.csv"
        "?first=2026-03-01&last=2026-03-31&grain=month"
    )
    assert export.status_code == 200
    assert "75.0" in export.content.decode("utf-8-sig")
