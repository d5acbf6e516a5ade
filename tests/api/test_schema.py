"""The OpenAPI document and its browsable docs, served from our own static files."""

import pytest

from contacts.channel_details import DEFINITIONS

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/"

PATHS = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/cases/": {"get", "post"},
    "/api/v1/cases/{reference}/": {"get"},
    "/api/v1/cases/{reference}/acknowledge/": {"post"},
    "/api/v1/cases/{reference}/acknowledge-voicemail/": {"post"},
    "/api/v1/cases/{reference}/respond/": {"post"},
    "/api/v1/cases/{reference}/resolve/": {"post"},
    "/api/v1/cases/{reference}/close/": {"post"},
    "/api/v1/cases/{reference}/reopen/": {"post"},
    "/api/v1/cases/{reference}/transfer/": {"post"},
    "/api/v1/cases/{reference}/reply/": {"post"},
    "/api/v1/cases/{reference}/confirm/": {"post"},
    "/api/v1/cases/{reference}/milestones/{kind}/extend/": {"post"},
    "/api/v1/cases/{reference}/milestones/{kind}/meet/": {"post"},
    "/api/v1/customers/{id}/": {"get"},
    "/api/v1/letters/": {"get"},
    "/api/v1/letters/{id}/document/": {"get"},
    "/api/v1/letters/{id}/mark-posted/": {"post"},
    "/api/v1/inbound/email/": {"post"},
    "/api/v1/inbound/texts/notify/": {"post"},
    "/api/v1/inbound/texts/": {"post"},
    "/api/v1/inbound/social/": {"post"},
    "/api/v1/inbound/phone/": {"post"},
    "/api/v1/complaints/": {"get"},
    "/api/v1/complaints/{reference}/": {"get"},
    "/api/v1/member-enquiries/": {"get", "post"},
    "/api/v1/member-enquiries/{reference}/": {"get"},
    "/api/v1/member-enquiries/{reference}/update/": {"post"},
    "/api/v1/member-enquiries/{reference}/delay/": {"post"},
    "/api/v1/member-enquiries/{reference}/complete/": {"post"},
}


@pytest.fixture
def schema(anonymous) -> dict:
    response = anonymous.get(f"{SCHEMA_URL}?format=json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    return response.json()


def test_the_schema_is_openapi_3_with_the_cases_paths_and_actions(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Cyswllt API"
    assert {path: set(operations) for path, operations in schema["paths"].items()} == PATHS


def test_the_list_documents_its_filters_and_pages(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}

    assert parameters == {
        "channel",
        "kind",
        "status",
        "sla_state",
        "service",
        "owner",
        "due_before",
        "due_after",
        "page",
        "page_size",
    }


def test_creating_documents_the_request_and_both_answers(schema):
    create = schema["paths"]["/api/v1/cases/"]["post"]

    assert set(create["responses"]) >= {"200", "201"}
    request = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][request.rsplit("/", 1)[-1]]
    assert set(component["required"]) == {"channel", "received_at", "summary"}


def test_creating_has_an_example_per_channel_from_its_sample_payload(schema):
    content = schema["paths"]["/api/v1/cases/"]["post"]["requestBody"]["content"]
    examples = content["application/json"]["examples"]

    assert {
        example["value"]["channel"]: example["value"]["channel_details"]
        for example in examples.values()
    } == {channel: definition.sample() for channel, definition in DEFINITIONS.items()}


def test_token_and_session_authentication_are_documented(schema):
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}


def test_the_schema_speaks_welsh_when_asked(client_for, advisor):
    schema = client_for(advisor, "cy").get(f"{SCHEMA_URL}?format=json").json()

    page = next(
        p for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"] if p["name"] == "page"
    )
    assert page["description"] == "Rhif tudalen yn y set o ganlyniadau wedi'u rhannu'n dudalennau."


def test_the_schema_is_served_as_yaml_by_default(anonymous):
    response = anonymous.get(SCHEMA_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi; charset=utf-8"
    assert response.content.startswith(b"openapi: 3.")


def test_the_docs_page_loads_swagger_ui_from_our_static_files(anonymous):
    response = anonymous.get("/api/v1/docs/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert SCHEMA_URL in page
    assert "cdn" not in page.lower()
