"""The member enquiries API: raising an enquiry and following it, with every refusal a 400
that names the field and changes nothing."""

import pytest
from rest_framework.test import APIClient

from contacts.models import Case
from tests.factories import token_for

URL = "/api/v1/member-enquiries/"


def api(user, language="en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


ENQUIRY = {
    "service": "waste",
    "summary": "Fly-tipping on Lôn Goch",
    "description": "Bags by the gate.",
    "ward": "llanfair",
    "resident": {"name": "Megan Hughes", "phone": "01824 700000"},
}


def test_a_councillor_raises_an_enquiry(service, team, cllr_jones, llanfair):
    response = api(cllr_jones).post(URL, ENQUIRY, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["status"], body["ward"], body["resident_name"]) == (
        "councillor_enquiry",
        "new",
        "llanfair",
        "Megan Hughes",
    )
    assert body["response_due_at"] is not None and body["updates"] == []
    assert Case.objects.get(reference=body["reference"]).submitted_by == cllr_jones
    listed = api(cllr_jones).get(URL).json()["results"]
    assert [case["reference"] for case in listed] == [body["reference"]]


def test_a_clerk_raises_one_for_their_council(service, team, clerk, council, cllr_jones):
    response = api(clerk).post(
        URL,
        {**ENQUIRY, "ward": None, "community_council": "llanfair-cc", "on_behalf_of": "community"},
        format="json",
    )
    assert response.status_code == 400  # a null ward is not a ward code
    payload = {k: v for k, v in ENQUIRY.items() if k not in ("ward", "resident")}
    response = api(clerk).post(
        URL,
        {**payload, "community_council": "llanfair-cc", "on_behalf_of": "community"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["community_council"] == "llanfair-cc"
    assert response.json()["kind"] == "enquiry"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ward": "rhuthun"}, "ward"),
        ({"ward": "nowhere"}, "ward"),
        ({"service": "no-such-service"}, "service"),
        ({"summary": "x" * 201}, "summary"),
        ({"summary": ""}, "summary"),
        ({"resident": "Megan"}, "resident"),
        ({"on_behalf_of": "resident", "resident": None}, "resident"),
        ({"community_council": "llanfair-cc"}, "community_council"),
    ],
)
def test_bad_input_is_refused_by_field_and_changes_nothing(
    service, cllr_jones, llanfair, rhuthun, council, changes, field
):
    response = api(cllr_jones, "cy").post(URL, {**ENQUIRY, **changes}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in str(body) or "resident_name" in str(body)
    assert Case.objects.count() == 0


@pytest.mark.parametrize("raw", ["not json", "[]", '{"summary": 1e400}', "\x00"])
def test_garbage_is_a_400(service, cllr_jones, raw):
    response = api(cllr_jones).post(URL, raw, content_type="application/json")
    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_an_unknown_reference_is_not_found(cllr_jones):
    assert api(cllr_jones).get(URL + "CYS-2026-999999/").status_code == 404
    assert api(cllr_jones).get(URL + "%00/").status_code == 404


def test_the_list_reads_a_fixed_number_of_queries(
    service, team, cllr_jones, llanfair, django_assert_max_num_queries
):
    client = api(cllr_jones)
    for _ in range(4):
        assert client.post(URL, ENQUIRY, format="json").status_code == 201
    with django_assert_max_num_queries(8):
        assert len(client.get(URL).json()["results"]) == 4
