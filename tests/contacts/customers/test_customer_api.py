"""GET /api/v1/customers/<id>/: the customer page's rules over the API."""

import pytest
from rest_framework.test import APIClient

from accounts.models import Role
from audit.models import Read, ReadPath
from contacts.selectors import case_visible_to
from tests.factories import UserFactory, make_case, token_for

pytestmark = pytest.mark.django_db


def api(user, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


def url(customer) -> str:
    return f"/api/v1/customers/{customer if isinstance(customer, int) else customer.pk}/"


def test_staff_get_the_record_and_the_cases_they_may_see_newest_first(world):
    response = api(world.highways_advisor).get(url(world.gwen))

    assert response.status_code == 200
    body = response.json()
    expected = list(
        case_visible_to(world.highways_advisor)
        .filter(customer=world.gwen)
        .order_by("-received_at", "-id")
    )
    assert {key: body[key] for key in ("id", "name", "email", "phone", "postcode", "address")} == {
        "id": world.gwen.pk,
        "name": "Gwenllian Parry",
        "email": "gwen@example.com",
        "phone": "01234 560101",
        "postcode": "LL99 1AB",
        "address": "3 Heol y Bryn, Llanfair",
    }
    assert (body["preferred_language"], body["preferred_contact_method"]) == ("cy", "email")
    assert (body["large_print"], body["bsl"], body["other_needs"]) == (False, False, "")
    assert body["cases"]["count"] == len(expected)
    assert [c["reference"] for c in body["cases"]["results"]] == [c.reference for c in expected]
    assert world.waste_complaint.reference not in response.content.decode()
    first = body["cases"]["results"][0]
    assert set(first) == {"reference", "kind", "service", "status", "received_at", "next_due_at"}


def test_an_administrator_gets_every_case_with_service_kind_status_and_deadline(
    world, administrator
):
    body = api(administrator).get(url(world.gwen)).json()

    assert [
        (c["reference"], c["service"], c["kind"], c["status"]) for c in body["cases"]["results"]
    ] == [
        (world.highways_open.reference, "highways", "enquiry", "new"),
        (world.waste_open.reference, "waste", "enquiry", "new"),
        (world.waste_complaint.reference, "waste", "complaint", "new"),
        (world.waste_resolved.reference, "waste", "enquiry", "resolved"),
    ]
    assert body["cases"]["results"][0]["next_due_at"].endswith("Z")
    assert body["cases"]["results"][3]["next_due_at"] is None


def test_the_cases_are_paginated(world, administrator, service):
    for _ in range(3):
        make_case(service=service, customer=world.gwen)

    body = api(administrator).get(url(world.gwen), {"page_size": 5, "page": 2}).json()

    assert body["cases"]["count"] == 7
    assert len(body["cases"]["results"]) == 2
    assert body["cases"]["next"] is None
    assert "page_size=5" in body["cases"]["previous"]


def test_the_record_and_the_cases_listed_are_in_the_audit_of_reads(world):
    api(world.complaints_officer).get(url(world.gwen))

    reads = set(Read.objects.values_list("case_id", "customer_id", "path"))
    assert (world.waste_complaint.pk, world.gwen.pk, ReadPath.API) in reads
    assert (None, world.gwen.pk, ReadPath.API) in reads


@pytest.mark.parametrize(
    ("role", "language", "message"),
    [
        (Role.COUNCILLOR, "en", "Your role cannot open customer records."),
        (Role.CLERK, "cy", "Ni all eich rôl agor cofnodion cwsmeriaid."),
    ],
)
def test_councillors_and_clerks_may_not_open_a_record_whether_or_not_it_exists(
    world, role, language, message
):
    member = UserFactory(role=role, team=None)

    for customer_id in (world.gwen.pk, world.gwen.pk + 1000):
        response = api(member, language).get(url(customer_id))
        assert response.status_code == 403
        assert response.json() == {"detail": message}


def test_a_record_that_does_not_exist_is_not_found(world):
    response = api(world.front_line).get(url(world.gwen.pk + 1000))

    assert response.status_code == 404
    assert api(world.front_line).get("/api/v1/customers/abc/").status_code == 404
    assert api(world.front_line).get("/api/v1/customers/1234567890123456789/").status_code == 404


def test_anonymous_callers_are_refused(world):
    response = APIClient().get(url(world.gwen))

    assert response.status_code in (401, 403)
    assert "gwen" not in response.content.decode().lower()


def test_only_reading_is_allowed(world, administrator):
    assert api(administrator).delete(url(world.gwen)).status_code == 405
    assert api(administrator).get("/api/v1/customers/").status_code == 404
