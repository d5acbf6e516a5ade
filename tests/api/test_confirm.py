"""The confirmation of who is dealing with a text and when (``POST …/confirm/``): queued in the
customer's language, refused with a translated error and nothing changed when the date cannot
be promised."""

from datetime import UTC, datetime, timedelta

import pytest

from messaging.models import OutboundMessage
from tests.api.conftest import case_url
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # Monday
NOW = RECEIVED + timedelta(hours=2)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


@pytest.fixture
def text(service, team, advisor):
    return make_case(
        service=service,
        channel="text",
        details={"from_number": "07700 900123", "message_id": "SM-api"},
        team=team,
        owner=advisor,
        language="en",
        received_at=RECEIVED,
    )


def test_the_confirmation_is_queued_with_the_date_given(api, text):
    response = api.post(
        case_url(text.reference, "confirm"), {"full_response_on": "2026-03-16"}, format="json"
    )

    assert response.status_code == 200, response.json()
    message = OutboundMessage.objects.get(purpose="confirmation")
    assert message.body.endswith("You will get a full response by Monday 16 March 2026.")


@pytest.mark.parametrize(
    ("day", "welsh"),
    [
        ("2026-03-07", "Rhaid i ddyddiad yr ymateb llawn fod yn ddiwrnod gwaith"),
        ("2026-02-27", "Ni all dyddiad yr ymateb llawn fod yn y gorffennol"),
        (None, "Rhowch y dyddiad y bydd y cwsmer yn cael ymateb llawn"),
    ],
)
def test_a_date_that_cannot_be_promised_is_refused_in_welsh(api_cy, text, day, welsh):
    payload = {"full_response_on": day} if day else {}

    response = api_cy.post(case_url(text.reference, "confirm"), payload, format="json")

    assert response.status_code == 400
    assert response.json()["full_response_on"] == [welsh]
    assert not OutboundMessage.objects.filter(purpose="confirmation").exists()


def test_the_same_idempotency_key_is_refused_the_second_time(api, text):
    payload = {"full_response_on": "2026-03-16", "idempotency_key": "k1"}
    assert api.post(case_url(text.reference, "confirm"), payload, format="json").status_code == 200

    again = api.post(case_url(text.reference, "confirm"), payload, format="json")

    assert again.status_code == 400
    assert OutboundMessage.objects.filter(purpose="confirmation").count() == 1
