"""The customer page through the test client: one record for the council, every case the
reader may see whatever its service, newest first, paginated, in a fixed number of queries;
councillors and clerks may not open it; the case page and search link to it."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from audit.models import Read, ReadPath
from contacts.models import Customer
from contacts.selectors import case_visible_to
from contacts.services import customer_update
from tests.factories import UserFactory, make_case
from tests.search import search

pytestmark = pytest.mark.django_db


def page_url(customer, language: str = "en") -> str:
    return f"/{language}/customers/{customer.pk}/"


def listed(response) -> list[str]:
    return re.findall(r'href="/\w\w/cases/([A-Z0-9-]+)/"', response.text)


def text(response) -> str:
    """The page's words, without its tags."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def visible(user, customer) -> list[str]:
    """The references ``case_visible_to`` gives ``user`` of the customer's cases, newest first:
    the page follows the one rule, whatever it decides (one council for staff, ADR 0019)."""
    return list(
        case_visible_to(user)
        .filter(customer=customer)
        .order_by("-received_at", "-id")
        .values_list("reference", flat=True)
    )


def test_staff_of_another_service_see_the_record_and_the_cases_the_one_rule_lets_them(
    client, world
):
    client.force_login(world.highways_advisor)

    response = client.get(page_url(world.gwen))

    assert response.status_code == 200
    page = text(response)
    for detail in ("Gwenllian Parry", "gwen@example.com", "01234 560101", "LL99 1AB"):
        assert detail in page
    assert "Preferred language Welsh" in page
    expected = visible(world.highways_advisor, world.gwen)
    assert world.highways_open.reference in expected
    assert listed(response) == expected
    assert f"of {len(expected)} case" in page
    # The complaint is not theirs to know of: not listed, not counted.
    assert world.waste_complaint.reference not in response.text


def test_an_administrator_sees_every_case_of_every_service_newest_first(
    client, world, administrator
):
    client.force_login(administrator)

    response = client.get(page_url(world.gwen))

    assert listed(response) == [
        world.highways_open.reference,
        world.waste_open.reference,
        world.waste_complaint.reference,
        world.waste_resolved.reference,
    ]
    assert "Showing 1 to 4 of 4 cases, newest first" in text(response)


def test_the_complaints_officer_of_the_service_sees_the_complaint_too(client, world):
    client.force_login(world.complaints_officer)

    response = client.get(page_url(world.gwen))

    assert world.waste_complaint.reference in listed(response)
    assert listed(response) == visible(world.complaints_officer, world.gwen)
    # The audit of reads keeps who saw the record and each case listed with it.
    reads = set(Read.objects.values_list("case_id", "customer_id", "user_id", "path"))
    officer = world.complaints_officer.pk
    assert (world.waste_complaint.pk, world.gwen.pk, officer, ReadPath.CUSTOMER_PAGE) in reads
    assert (None, world.gwen.pk, officer, ReadPath.CUSTOMER_PAGE) in reads


def row_text(response, reference: str) -> str:
    match = re.search(rf"{reference}/\">.*?</tr>", response.text, re.DOTALL)
    assert match is not None, reference
    row = match.group(0)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())


def test_each_row_shows_service_kind_status_and_next_deadline(client, world, administrator):
    client.force_login(administrator)

    response = client.get(page_url(world.gwen))

    row = row_text(response, world.highways_open.reference)
    assert "Highways" in row and "Enquiry" in row and "New" in row
    assert "Acknowledge" in row  # the next milestone, with its due time
    assert "Resolved" in row_text(response, world.waste_resolved.reference)
    assert "Nothing due" in row_text(response, world.waste_resolved.reference)


def test_the_page_costs_the_same_queries_whatever_the_number_of_cases(client, world, service):
    client.force_login(world.complaints_officer)
    client.get(page_url(world.gwen))  # the session and the caches
    with CaptureQueriesContext(connection) as few:
        client.get(page_url(world.gwen))
    for i in range(20):
        make_case(
            service=service,
            customer=world.gwen,
            received_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=i),
        )
    customer_update(customer_id=world.gwen.pk, changes={"bsl": True}, actor=world.front_line)

    with CaptureQueriesContext(connection) as many:
        response = client.get(page_url(world.gwen))

    assert listed(response) == visible(world.complaints_officer, world.gwen)
    assert len(listed(response)) >= 23
    assert len(many) == len(few) <= 16


def test_the_cases_are_paginated(client, world, service):
    for i in range(25):
        make_case(
            service=service,
            customer=world.gwen,
            received_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=i),
        )
    client.force_login(world.advisor)

    first = client.get(page_url(world.gwen))
    second = client.get(page_url(world.gwen), {"page": 2})

    assert len(listed(first)) == 25
    assert listed(first) + listed(second) == visible(world.advisor, world.gwen)
    total = len(visible(world.advisor, world.gwen))
    assert f"Showing 26 to {total} of {total} cases" in text(second)
    assert not set(listed(first)) & set(listed(second))
    assert client.get(page_url(world.gwen), {"page": "x"}).status_code == 200


def test_the_page_speaks_welsh(client, world):
    client.force_login(world.front_line)

    page = text(client.get(page_url(world.gwen, "cy")))

    assert "Cofnod cwsmer" in page
    assert "Achosion" in page
    assert "Hanes y cofnod hwn" in page


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLERK])
def test_councillors_and_clerks_may_not_open_a_customer_record(client, world, role):
    client.force_login(UserFactory(role=role, team=None))

    assert client.get(page_url(world.gwen)).status_code == 403
    assert client.get(f"/en/customers/{world.gwen.pk + 1000}/").status_code == 403


def test_staff_without_a_service_may_not_open_a_customer_record(client, world):
    client.force_login(UserFactory(role=Role.ADVISOR, team=None))

    assert client.get(page_url(world.gwen)).status_code == 403


def test_an_administrator_opens_any_record_and_sees_every_case(client, world, administrator):
    client.force_login(administrator)

    response = client.get(page_url(world.gwen))

    assert response.status_code == 200
    assert len(listed(response)) == 4


def test_a_record_that_does_not_exist_is_not_found(client, world):
    client.force_login(world.front_line)

    assert client.get(f"/en/customers/{world.gwen.pk + 1000}/").status_code == 404
    assert client.get("/en/customers/99999999999999999999/").status_code == 404


def test_visitors_are_asked_to_sign_in(client, world):
    response = client.get(page_url(world.gwen))

    assert response.status_code == 302
    assert "/sign-in/" in response["Location"] or "login" in response["Location"]


def test_front_line_staff_see_change_and_possible_duplicates_other_staff_do_not(client, world):
    twin = Customer.objects.create(name="Gwen Parry", email="GWEN@example.com")
    client.force_login(world.front_line)
    front = client.get(page_url(world.gwen))
    client.force_login(world.highways_advisor)
    other = client.get(page_url(world.gwen))

    assert f'href="/en/customers/{world.gwen.pk}/edit/"' in front.text
    assert f'href="/en/customers/{world.gwen.pk}/merge/{twin.pk}/"' in front.text
    assert "Same e-mail address" in text(front)
    assert "/edit/" not in other.text
    assert "/merge/" not in other.text


def test_the_history_shows_who_changed_what(client, world):
    customer_update(
        customer_id=world.gwen.pk,
        changes={"preferred_contact_method": "letter", "email": "g.parry@example.com"},
        actor=world.front_line,
    )
    client.force_login(world.highways_advisor)

    page = text(client.get(page_url(world.gwen)))

    assert "Details changed" in page
    assert "by Dafydd Hughes" in page
    assert "E-mail address, contact preference" in page
    assert "Contact preference is now: Letter" in page
    # The old address is not kept anywhere to be shown.
    assert "gwen@example.com" not in page


def test_the_case_page_links_to_the_customer_record(client, world):
    client.force_login(world.highways_advisor)

    response = client.get(f"/en/cases/{world.highways_open.reference}/")

    assert f'href="/en/customers/{world.gwen.pk}/"' in response.text


def test_search_lists_matching_customers_with_links_to_their_records(client, world):
    client.force_login(world.highways_advisor)

    response = search(client, "gwenllian")

    assert response.status_code == 200
    assert f'href="/en/customers/{world.gwen.pk}/">Gwenllian Parry</a>' in response.text


def test_search_by_postcode_finds_the_customer_of_any_service(client, world):
    client.force_login(world.front_line)

    response = search(client, "ll99 1ab")

    assert f'href="/en/customers/{world.gwen.pk}/"' in response.text
    assert "Possible duplicate customer records" in response.text
