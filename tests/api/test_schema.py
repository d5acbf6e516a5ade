"""The OpenAPI document and its browsable docs, served from our own static files."""

import json

import jsonschema
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


# --- What the answers may hold, and the errors (issue 16, finding 9) ---------------------------

ERROR_CODES = {"400", "401", "403", "404", "405", "429"}


def _component(schema: dict, name: str) -> dict:
    return schema["components"]["schemas"][name]


def _validator(schema: dict, component: str) -> jsonschema.Draft7Validator:
    """A validator of a body against one of the schema's components (its $refs resolved)."""
    return jsonschema.Draft7Validator(
        {"$ref": f"#/components/schemas/{component}", "components": schema["components"]}
    )


def test_next_due_at_is_declared_nullable(schema):
    """A case with nothing left to meet answers ``"next_due_at": null``."""
    assert _component(schema, "CaseOutput")["properties"]["next_due_at"] == {
        "type": "string",
        "format": "date-time",
        "nullable": True,
        "readOnly": True,
    }


def test_a_customers_email_is_declared_a_string_that_may_be_empty(schema):
    """A customer who gave no e-mail address answers ``"email": ""``, which is no e-mail."""
    email = _component(schema, "CustomerOutput")["properties"]["email"]

    assert "format" not in email
    assert email["type"] == "string"


def test_every_operation_declares_the_error_answers_with_their_bodies(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert set(responses) >= ERROR_CODES, (method, path)
            for code in ERROR_CODES:
                body = responses[code]["content"]["application/json"]["schema"]
                expected = "ValidationError" if code == "400" else "Error"
                assert body == {"$ref": f"#/components/schemas/{expected}"}, (method, path, code)
            assert "Retry-After" in responses["429"]["headers"]
            assert ("415" in responses) == ("requestBody" in operation), (method, path)


def test_a_views_own_description_of_an_error_is_kept(schema):
    refused = schema["paths"]["/api/v1/member-enquiries/{reference}/update/"]["post"]["responses"]

    assert refused["403"]["description"] == "Only staff of the case's service can do this."
    assert refused["403"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_the_error_components_describe_themselves_in_welsh_when_asked(client_for, advisor):
    schema = client_for(advisor, "cy").get(f"{SCHEMA_URL}?format=json").json()

    assert _component(schema, "Error")["description"] == (
        "Pam y gwrthodwyd y cais, yn yr iaith y gofynnwyd amdani."
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A field's messages, and the whole request's.
        ({"channel": "pigeon"}, "channel"),
        # A nested object's fields.
        ({"customer": {"email": "not-an-address"}}, "customer"),
        # A body that is not JSON.
        ("{", "detail"),
    ],
)
def test_the_declared_400_body_matches_what_the_api_answers(schema, api, body, expected):
    raw = body if isinstance(body, str) else json.dumps(body)
    response = api.post("/api/v1/cases/", raw, content_type="application/json")

    assert response.status_code == 400
    assert expected in response.json()
    _validator(schema, "ValidationError").validate(response.json())


def test_the_declared_bodies_of_the_other_refusals_match_what_the_api_answers(
    schema, anonymous, api, client_for, councillor
):
    answers = {
        401: anonymous.get("/api/v1/cases/"),
        403: client_for(councillor).get("/api/v1/complaints/"),
        404: api.get("/api/v1/cases/CYS-2026-999999/"),
        405: api.delete("/api/v1/cases/"),
    }

    for code, response in answers.items():
        assert response.status_code == code
        assert response["Content-Type"] == "application/json"
        _validator(schema, "Error").validate(response.json())
