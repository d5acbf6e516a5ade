"""Events from the telephony system: answered calls and voicemails open phone cases (a
voicemail owes its acknowledgement by the end of the following working day), missed calls go
on the caller's open case, replays change nothing."""

from datetime import UTC, datetime

import pytest

from contacts.models import Case, CaseEvent
from messaging.models import OutboundMessage

from .conftest import webhook_client
from .samples import payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/inbound/phone/"

VOICEMAIL = payload("phone_voicemail")


def test_a_voicemail_opens_a_phone_case_acknowledged_by_the_next_working_day(webhook_secrets):
    response = webhook_client("phone").post(URL, VOICEMAIL, format="json")

    case = Case.objects.get()
    assert (response.status_code, response.json()["reference"]) == (201, case.reference)
    assert (case.channel, case.contact_type, case.summary) == (
        "phone",
        "voicemail",
        "Voicemail from +447700900333",
    )
    assert case.channel_details == {
        "contact_type": "voicemail",
        "caller_number": "+447700900333",
        "call_id": "call-0001",
        "recording_url": "https://telephony.example.gov.wales/recordings/call-0001.mp3",
        "handled_in_welsh": False,
    }
    (milestone,) = case.milestones.all()
    assert (milestone.kind, milestone.due_at) == (
        "acknowledge",
        datetime(2026, 3, 3, 17, 0, tzinfo=UTC),
    )
    (ack,) = OutboundMessage.objects.all()
    assert (ack.method, ack.recipient) == ("sms", "+447700900333")


def test_a_replayed_event_makes_one_case(webhook_secrets):
    client = webhook_client("phone")

    client.post(URL, VOICEMAIL, format="json")
    again = client.post(URL, VOICEMAIL, format="json")

    assert (again.status_code, again.json()["result"]) == (200, "duplicate")
    assert Case.objects.count() == OutboundMessage.objects.count() == 1


def test_an_answered_call_opens_a_phone_case_without_deadlines(webhook_secrets):
    response = webhook_client("phone").post(URL, payload("phone_answered"), format="json")

    case = Case.objects.get()
    assert response.status_code == 201
    assert (case.contact_type, case.summary, case.milestones.count()) == (
        "answered",
        "Call from an unknown number",
        0,
    )


def test_a_missed_call_goes_on_the_callers_open_phone_case(webhook_secrets):
    client = webhook_client("phone")
    client.post(URL, VOICEMAIL, format="json")

    missed = client.post(
        URL,
        {
            "id": "call-3",
            "event": "missed",
            "caller_number": "07700 900333",
            "time": VOICEMAIL["time"],
        },
        format="json",
    )

    case = Case.objects.get()
    assert (missed.status_code, missed.json()["result"]) == (200, "threaded")
    assert CaseEvent.objects.get(case=case, kind="note").text == "Missed call from 07700900333."


def test_a_missed_call_from_a_new_caller_opens_a_case_to_call_back(webhook_secrets):
    response = webhook_client("phone").post(URL, payload("phone_missed"), format="json")

    case = Case.objects.get()
    assert response.status_code == 201
    assert (case.summary, case.channel_details["call_id"]) == (
        "Missed call from 01234567890",
        "call-4:missed",
    )


def test_a_voicemail_needs_the_number_and_the_recording(webhook_secrets):
    incomplete = {"id": "call-5", "event": "voicemail", "time": "2026-03-02T09:00:00Z"}

    response = webhook_client("phone", "cy").post(URL, incomplete, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"caller_number", "recording_url"}
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"recording_url": "javascript:alert(1)"}, "recording_url"),
        ({"event": "hung-up"}, "event"),
        ({"id": "<img src=x onerror=alert(1)>"}, "id"),
        ({"caller_number": "not a number"}, "caller_number"),
    ],
)
def test_bad_fields_are_refused(webhook_secrets, changes, field):
    response = webhook_client("phone").post(URL, {**VOICEMAIL, **changes}, format="json")

    assert (response.status_code, list(response.json())) == (400, [field])
    assert Case.objects.count() == 0


def test_the_phone_webhook_wants_its_secret(webhook_secrets):
    response = webhook_client(None).post(URL, VOICEMAIL, format="json")

    assert response.status_code == 401
