"""Open311 GeoReport v2: FixMyStreet and other clients report problems straight in as cases.

The fields asserted are the ones GeoReport v2 lists as returned for each call
(http://wiki.open311.org/GeoReport_v2), checked in both formats."""

import json
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone

from contacts.models import Case
from messaging.models import OutboundMessage, Purpose
from tests.factories import (
    RequestTypeFactory,
    ServiceFactory,
    TeamFactory,
    make_case,
    open311_key,
    token_for,
)

from .samples import payload

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def api_key(integration) -> str:
    return open311_key("FixMyStreet", user=integration)


@pytest.fixture
def report(service, team, api_key) -> dict[str, str]:
    return {"api_key": api_key, "service_code": service.code, **payload("open311_request")}


def xml_items(body: bytes, root: str, item: str) -> list[dict[str, str]]:
    tree = ElementTree.fromstring(body)
    assert tree.tag == root
    return [{child.tag: child.text or "" for child in element} for element in tree.findall(item)]


def test_the_service_list_is_the_routing_tables_open311_codes(client, service, team):
    highways = ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")
    RequestTypeFactory(
        service=highways,
        name_en="Pothole",
        name_cy="Twll yn y ffordd",
        words_en="pothole\nhole in the road",
        words_cy="twll",
        open311_code="pothole",
    )
    RequestTypeFactory(
        service=service,
        team=team,
        name_en="Missed bin",
        name_cy="Bin heb ei gasglu",
        open311_code="missed-bin",
    )
    # Not offered: no code, not active, or its service not active.
    RequestTypeFactory(service=service, name_en="Bulky waste", name_cy="Gwastraff swmpus")
    RequestTypeFactory(service=service, name_en="Old", open311_code="old", active=False)
    closed = ServiceFactory(code="closed", active=False)
    RequestTypeFactory(service=closed, name_en="Closed", open311_code="closed-thing")

    as_json = client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="en").json()
    as_xml = xml_items(
        client.get("/open311/v2/services.xml", HTTP_ACCEPT_LANGUAGE="cy").content,
        "services",
        "service",
    )

    assert [list(entry) for entry in as_json] == [SERVICE_FIELDS, SERVICE_FIELDS]
    assert [(e["service_code"], e["service_name"], e["group"]) for e in as_json] == [
        ("missed-bin", "Missed bin", "Waste and recycling"),
        ("pothole", "Pothole", "Highways"),
    ]
    assert as_json[1]["keywords"] == "pothole, hole in the road"
    assert as_json[0]["description"] == (
        "Acknowledge within 24 hours; Respond within 10 working days"
    )
    assert (as_json[0]["metadata"], as_json[0]["type"]) == (False, "realtime")
    # The Welsh names, in Welsh alphabetical order, for a client that asks in Welsh.
    assert [(e["service_name"], e["group"]) for e in as_xml] == [
        ("Bin heb ei gasglu", "Gwastraff ac ailgylchu"),
        ("Twll yn y ffordd", "Priffyrdd"),
    ]
    assert as_xml[1]["keywords"] == "twll"
    assert as_xml[0]["metadata"] == "false"


def test_a_report_by_request_type_goes_to_its_service_and_team(client, report, service, team):
    highways = ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")
    crew = TeamFactory(service=highways, code="road-crew")
    pothole = RequestTypeFactory(
        service=highways, team=crew, name_en="Pothole", name_cy="Twll", open311_code="pothole"
    )

    response = client.post("/open311/v2/requests.json", {**report, "service_code": "pothole"})

    assert response.status_code == 201
    case = Case.objects.get()
    assert (case.service, case.request_type, case.team) == (highways, pothole, crew)
    listed = client.get(
        "/open311/v2/requests.json", {"api_key": report["api_key"], "service_code": "pothole"}
    ).json()
    assert [(e["service_code"], e["service_name"]) for e in listed] == [("pothole", "Pothole")]
    by_service = client.get(
        "/open311/v2/requests.json", {"api_key": report["api_key"], "service_code": "highways"}
    ).json()
    assert by_service == []  # a typed request is listed under its type's code


def test_a_services_own_code_is_still_taken_for_clients_set_up_before(client, report, service):
    """Clients configured with a service's code before the routing table keep working."""
    response = client.post("/open311/v2/requests.json", report)

    assert response.status_code == 201
    case = Case.objects.get()
    assert (case.service, case.request_type) == (service, None)


@pytest.mark.parametrize("code", ["old-bin", "closed-service"])
def test_an_inactive_type_or_service_takes_no_report(client, report, service, code):
    RequestTypeFactory(service=service, name_en="Old", open311_code="old-bin", active=False)
    ServiceFactory(code="closed-service", active=False)

    response = client.post("/open311/v2/requests.json", {**report, "service_code": code})

    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": "There is no service with this code."}]
    assert not Case.objects.exists()


def test_a_report_becomes_one_acknowledged_case(client, report, service):
    response = client.post("/open311/v2/requests.json", report)

    case = Case.objects.get()
    assert response.status_code == 201
    body = response.json()
    assert [list(entry) for entry in body] == [
        ["service_request_id", "service_notice", "account_id"]
    ]
    assert body[0]["service_request_id"] == case.reference
    assert body[0]["service_notice"].startswith("We will respond by ")
    assert (case.channel, case.kind, case.service) == ("webform", "service_request", service)
    assert case.summary == "Bin bags torn open outside number 4"
    assert case.channel_details == {
        "form": "open311",
        "submission_id": case.channel_details["submission_id"],
        "location": "Stryd y Popty, Aberystwyth",
        "latitude": 52.4153,
        "longitude": -4.0829,
        "url": "https://fixmystreet.example/photo/1.jpeg",
        "client": "mail-server",
    }
    assert (case.customer.name, case.customer.email) == ("Siân Evans", "reporter@example.org")
    assert OutboundMessage.objects.filter(case=case, purpose=Purpose.ACKNOWLEDGEMENT).count() == 1


def test_the_same_report_posted_twice_makes_one_case(client, report):
    first = client.post("/open311/v2/requests.json", report)
    again = client.post("/open311/v2/requests.xml", report)

    assert (first.status_code, again.status_code) == (201, 200)
    reference = xml_items(again.content, "service_requests", "request")[0]["service_request_id"]
    assert reference == first.json()[0]["service_request_id"]
    assert Case.objects.count() == 1


def test_a_report_needs_a_location_and_a_known_service(client, report):
    no_location = {k: v for k, v in report.items() if k not in ("lat", "long", "address_string")}
    half = {**report, "address_string": "", "long": ""}
    unknown = {**report, "service_code": "dragons"}

    answers = [
        client.post("/open311/v2/requests.json", data, HTTP_ACCEPT_LANGUAGE="en")
        for data in (no_location, half, unknown)
    ]

    assert [a.status_code for a in answers] == [400, 400, 400]
    assert answers[0].json() == [
        {
            "code": 400,
            "description": "Give the location: lat and long, address_string or address_id.",
        }
    ]
    assert answers[1].json()[0]["description"] == "Give both lat and long, or neither."
    assert answers[2].json()[0]["description"] == "There is no service with this code."
    assert Case.objects.count() == 0


def test_errors_come_in_welsh_and_as_xml(client, report):
    response = client.post(
        "/open311/v2/requests.xml", {**report, "lat": "91"}, HTTP_ACCEPT_LANGUAGE="cy"
    )

    assert response.status_code == 400
    errors = xml_items(response.content, "errors", "error")
    assert errors == [
        {
            "code": "400",
            "description": "lat: Sicrhewch fod y gwerth hwn yn fwy neu'n llai na 90.",
        }
    ]


@pytest.mark.parametrize("key", ["", "not-a-key", "x" * 500])
def test_without_a_valid_api_key_nothing_is_stored_or_read(client, report, key):
    posted = client.post("/open311/v2/requests.json", {**report, "api_key": key})
    listed = client.get("/open311/v2/requests.json", {"api_key": key})

    assert (posted.status_code, listed.status_code) == (403, 403)
    assert posted.json() == [{"code": 403, "description": "The api_key is missing or not valid."}]
    assert Case.objects.count() == 0


def test_a_staff_token_is_not_an_open311_client(client, report, advisor):
    response = client.post("/open311/v2/requests.json", {**report, "api_key": token_for(advisor)})

    assert response.status_code == 403


def test_requests_are_listed_with_every_required_field(client, report, api_key):
    reference = client.post("/open311/v2/requests.json", report).json()[0]["service_request_id"]

    one = client.get(f"/open311/v2/requests/{reference.lower()}.json", {"api_key": api_key})
    listed = client.get(
        "/open311/v2/requests.xml", {"api_key": api_key, "status": "open", "service_code": "waste"}
    )
    closed = client.get("/open311/v2/requests.json", {"api_key": api_key, "status": "closed"})

    entry = one.json()[0]
    assert list(entry) == REQUEST_FIELDS
    assert entry["service_request_id"] == reference
    assert (entry["status"], entry["status_notes"]) == ("open", "New")
    assert entry["address"] == "Stryd y Popty, Aberystwyth"
    assert (entry["lat"], entry["long"]) == (52.4153, -4.0829)
    assert entry["expected_datetime"] is not None
    assert entry["zipcode"] == ""  # personal data stays in the council
    items = xml_items(listed.content, "service_requests", "request")
    assert [list(item) for item in items] == [REQUEST_FIELDS]
    assert closed.json() == []


def test_cases_from_other_routes_are_never_listed(client, api_key, service, team):
    """Other cases hold residents' personal data: an Open311 client sees only its reports."""
    recently = timezone.now() - timedelta(days=1)
    web_form = make_case(
        service=service,
        channel="webform",
        details={"form": "general", "submission_id": "journey-1"},
        received_at=recently,
    )
    emailed = make_case(service=service, received_at=recently)

    answers = [
        client.get(f"/open311/v2/requests/{case.reference}.json", {"api_key": api_key})
        for case in (web_form, emailed)
    ]
    listed = client.get("/open311/v2/requests.json", {"api_key": api_key})

    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json() == [
        {"code": 404, "description": "There is no request with this service_request_id."}
    ]
    assert listed.json() == []


def test_a_client_reads_only_the_requests_it_sent(client, report, api_key):
    """Another client's request is not found, and absent from the lists: each client reads
    what it raised (docs/adr/0018)."""
    other_key = open311_key("Another app")
    mine = client.post("/open311/v2/requests.json", report).json()[0]["service_request_id"]
    theirs = client.post("/open311/v2/requests.json", {**report, "api_key": other_key}).json()[0][
        "service_request_id"
    ]

    answers = {
        who: (
            client.get(f"/open311/v2/requests/{theirs}.json", {"api_key": key}),
            client.get("/open311/v2/requests.json", {"api_key": key}),
            client.get("/open311/v2/requests.xml", {"api_key": key, "service_request_id": theirs}),
        )
        for who, key in (("mine", api_key), ("theirs", other_key))
    }

    one, listed, asked = answers["mine"]
    assert one.status_code == 404
    assert [entry["service_request_id"] for entry in listed.json()] == [mine]
    assert xml_items(asked.content, "service_requests", "request") == []
    one, listed, _asked = answers["theirs"]
    assert one.json()[0]["service_request_id"] == theirs
    assert [entry["service_request_id"] for entry in listed.json()] == [theirs]


@pytest.mark.parametrize(
    "query",
    [
        {"start_date": "yesterday"},
        {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"service_request_id": ",".join(["CYS-2026-000001"] * 51)},
        {"service_request_id": "<script>"},
        {"status": "maybe"},
    ],
)
def test_bad_list_parameters_get_a_400(client, api_key, query):
    response = client.get("/open311/v2/requests.json", {"api_key": api_key, **query})

    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


@pytest.mark.parametrize(
    "field, value",
    [
        ("description", "x" * 4001),
        ("first_name", "<script>alert(1)</script>"),
        ("email", "not an address"),
        ("media_url", "javascript:alert(1)"),
        ("phone", "call me"),
        ("lat", "NaN"),
        ("long", "1e400"),
        ("service_code", "\x00"),
    ],
)
def test_odd_reports_are_refused_and_change_nothing(client, report, field, value):
    response = client.post("/open311/v2/requests.json", {**report, field: value})

    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_unknown_formats_and_methods_are_refused_plainly(client, api_key):
    assert client.get("/open311/v2/services.csv").status_code == 404
    assert client.get("/open311/v2/nowhere.json").json() == {"detail": "Not found."}
    assert client.delete("/open311/v2/requests.json").status_code == 405
    assert client.post("/open311/v2/services.json").status_code == 405


def test_a_report_posted_as_json_is_refused_not_crashed(client, report):
    response = client.post(
        "/open311/v2/requests.json", json.dumps(report), content_type="application/json"
    )

    assert response.status_code == 403  # GeoReport posts form fields; the key was not found
    assert Case.objects.count() == 0


def test_a_welsh_report_is_recorded_as_welsh(client, report):
    welsh = {
        **report,
        "description": (
            "Dydy'r biniau ddim wedi cael eu casglu ers pythefnos ac mae'r stryd yn drewi. "
            "Diolch am eich help."
        ),
    }

    client.post("/open311/v2/requests.json", welsh)

    case = Case.objects.get()
    assert (case.language, case.customer.preferred_language) == ("cy", "cy")


def test_a_control_character_in_a_description_leaves_the_xml_well_formed(client, report, api_key):
    """On today's main one vertical tab in a report made every XML answer listing it not XML."""
    description = "Bin\x0b bags\x01 torn open\tby foxes\nStryd y Popty"
    posted = client.post("/open311/v2/requests.json", {**report, "description": description})
    reference = posted.json()[0]["service_request_id"]

    as_xml = client.get(f"/open311/v2/requests/{reference}.xml", {"api_key": api_key})
    as_json = client.get(f"/open311/v2/requests/{reference}.json", {"api_key": api_key})

    items = xml_items(as_xml.content, "service_requests", "request")
    assert items[0]["description"] == "Bin bags torn open\tby foxes\nStryd y Popty"
    assert as_json.json()[0]["description"] == description  # JSON escapes them
