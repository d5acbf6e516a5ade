"""The local Notify refuses what GOV.UK Notify refuses, so that a test passing against it means
the request would pass against Notify."""

import time

import jwt
import pytest
import requests
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from tests.messaging.notify_server import API_KEY, SECRET, SERVICE_ID, TEMPLATE_ID

SMS = "/v2/notifications/sms"
VALID = {
    "phone_number": "+447700900123",
    "template_id": TEMPLATE_ID,
    "personalisation": {"body": "Helo"},
}


def post(server, *, token: str | None, payload: dict = VALID) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(server.url + SMS, json=payload, headers=headers, timeout=5)


def token(*, secret: str = SECRET, iss: str = SERVICE_ID, iat: float | None = None) -> str:
    return jwt.encode({"iss": iss, "iat": int(time.time() if iat is None else iat)}, secret)


def test_the_official_client_is_accepted_and_answered_in_notifys_shape(notify_server):
    client = NotificationsAPIClient(API_KEY, base_url=notify_server.url)

    response = client.send_sms_notification(
        phone_number="07700 900123",
        template_id=TEMPLATE_ID,
        personalisation={"body": "Diolch am eich neges."},
        reference="case:1:acknowledgement",
    )

    (sent,) = notify_server.notifications
    assert response == sent["response"]
    assert response["reference"] == "case:1:acknowledgement"
    assert response["content"] == {"body": "Diolch am eich neges.", "from_number": "GOVUK"}
    assert response["template"]["id"] == TEMPLATE_ID
    assert response["uri"].endswith(f"/v2/notifications/{response['id']}")
    assert notify_server.requests[0].headers["Authorization"].startswith("Bearer ")


@pytest.mark.parametrize(
    ("bearer", "status", "message"),
    [
        (None, 401, "Unauthorized: authentication token must be provided"),
        (
            token(secret="5c4b3a29-1807-4f6e-8d5c-4b3a29180706"),
            403,
            "Invalid token: API key not found",
        ),
        (
            token(iss="d1b5c0a4-0000-4000-8000-000000000000"),
            403,
            "Invalid token: service not found",
        ),
        (
            token(iat=time.time() - 120),
            403,
            "Error: Your system clock must be accurate to within 30 seconds",
        ),
    ],
    ids=["no token", "wrong secret", "other service", "stale"],
)
def test_a_bad_token_is_refused(notify_server, bearer, status, message):
    response = post(notify_server, token=bearer)

    assert (response.status_code, response.json()) == (
        status,
        {"status_code": status, "errors": [{"error": "AuthError", "message": message}]},
    )
    assert notify_server.notifications == []


@pytest.mark.parametrize(
    ("payload", "error", "messages"),
    [
        ({"template_id": TEMPLATE_ID}, "ValidationError", ["phone_number is a required property"]),
        (
            {**VALID, "phone_number": "01824 706000"},
            "ValidationError",
            ["phone_number Not a UK mobile number"],
        ),
        (
            {**VALID, "phone_number": "07700 90012"},
            "ValidationError",
            ["phone_number Not enough digits"],
        ),
        ({**VALID, "personalisation": {}}, "BadRequestError", ["Missing personalisation: body"]),
        (
            {**VALID, "template_id": "0a1b2c3d-0000-4000-8000-000000000000"},
            "BadRequestError",
            ["Template not found"],
        ),
    ],
    ids=["no number", "landline", "short", "no body", "unknown template"],
)
def test_a_bad_request_is_refused_with_notifys_error(notify_server, payload, error, messages):
    response = post(notify_server, token=token(), payload=payload)

    assert (response.status_code, response.json()) == (
        400,
        {"status_code": 400, "errors": [{"error": error, "message": m} for m in messages]},
    )


def test_it_fails_the_next_requests_when_told(notify_server):
    client = NotificationsAPIClient(API_KEY, base_url=notify_server.url)
    notify_server.fail_next(2, status=429)
    statuses = []
    for _attempt in range(3):
        try:
            client.send_sms_notification(
                phone_number="07700900123", template_id=TEMPLATE_ID, personalisation={"body": "x"}
            )
            statuses.append(201)
        except HTTPError as error:
            statuses.append(error.status_code)

    assert statuses == [429, 429, 201]
    assert len(notify_server.notifications) == 1
