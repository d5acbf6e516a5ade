"""Inbound texts: GOV.UK Notify's callback and another provider's, each checked by its shared
secret; a reply goes on the sender's open text case, anything else opens one (reply within 24
hours), and a replayed callback changes nothing. Sample payloads as the providers send them."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from channels_app.models import InboundMessage, QuarantinedMessage
from contacts.models import Case, CaseEvent
from messaging.models import OutboundMessage

from .conftest import webhook_client
from .samples import payload

pytestmark = pytest.mark.django_db

NOTIFY_URL = "/api/v1/inbound/texts/notify/"
URL = "/api/v1/inbound/texts/"

#: GOV.UK Notify's inbound-text callback (docs: "Receive text messages").
NOTIFY_SAMPLE = payload("notify_inbound_text")


def notify_sample(**changes):
    return {**NOTIFY_SAMPLE, **changes}


def test_a_notify_text_opens_a_text_case_with_the_24_hour_milestone(webhook_secrets, service):
    response = webhook_client("notify_sms").post(NOTIFY_URL, NOTIFY_SAMPLE, format="json")

    case = Case.objects.get()
    assert (response.status_code, response.json()) == (
        201,
        {"result": "created", "reference": case.reference, "quarantine_id": None},
    )
    assert (case.channel, case.service, case.summary, case.language) == (
        "text",
        service,
        "Hello, my bin was not collected on Tuesday",
        "en",
    )
    assert case.channel_details == {
        "from_number": "+447700900111",
        "message_id": "notify:df10a23e-2c6d-4ea5-87fb-82e520cbf93a",
    }
    assert case.received_at == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    (milestone,) = case.milestones.all()
    # The text standard's 24-hour target: confirm who is dealing with it, and when (SPEC §10).
    assert (milestone.kind, milestone.due_at) == (
        "confirm",
        datetime(2026, 3, 3, 10, 0, tzinfo=UTC),
    )
    (ack,) = OutboundMessage.objects.all()
    assert (ack.method, ack.recipient) == ("sms", "+447700900111")


def test_a_replayed_callback_makes_one_case(webhook_secrets):
    client = webhook_client("notify_sms")

    first = client.post(NOTIFY_URL, NOTIFY_SAMPLE, format="json")
    again = client.post(NOTIFY_URL, NOTIFY_SAMPLE, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["result"] == "duplicate"
    assert again.json()["reference"] == first.json()["reference"]
    assert Case.objects.count() == InboundMessage.objects.count() == 1


def test_a_second_text_from_the_same_number_goes_on_the_open_case(webhook_secrets):
    client = webhook_client("notify_sms")
    client.post(NOTIFY_URL, NOTIFY_SAMPLE, format="json")

    reply = client.post(
        NOTIFY_URL,
        notify_sample(id="second", message="It is the green bin", source_number="07700900111"),
        format="json",
    )

    case = Case.objects.get()
    assert (reply.status_code, reply.json()["result"], reply.json()["reference"]) == (
        200,
        "threaded",
        case.reference,
    )
    assert CaseEvent.objects.get(case=case, kind="note").text == "It is the green bin"
    assert OutboundMessage.objects.count() == 1


def test_a_text_after_the_case_is_closed_opens_a_new_one(webhook_secrets):
    client = webhook_client("notify_sms")
    client.post(NOTIFY_URL, NOTIFY_SAMPLE, format="json")
    Case.objects.update(status="closed")

    response = client.post(NOTIFY_URL, notify_sample(id="later"), format="json")

    assert response.json()["result"] == "created"
    assert Case.objects.count() == 2


def test_the_generic_format_and_welsh_words(webhook_secrets):
    response = webhook_client("sms").post(URL, payload("text_provider"), format="json")

    case = Case.objects.get()
    assert response.status_code == 201
    assert (case.language, case.channel_details) == (
        "cy",
        {"from_number": "07700900222", "message_id": "prov-1"},
    )


def test_a_future_time_is_taken_as_now(webhook_secrets):
    future = timezone.now().replace(microsecond=0).year + 1
    response = webhook_client("notify_sms").post(
        NOTIFY_URL, notify_sample(date_received=f"{future}-01-01T00:00:00Z"), format="json"
    )

    assert response.status_code == 201
    assert Case.objects.get().received_at <= timezone.now()


@pytest.mark.parametrize(
    ("client_secret", "header", "status", "detail"),
    [
        (None, None, 401, "Give the webhook's secret as a bearer token."),
        (None, "Token abc", 401, "Give the webhook's secret as a bearer token."),
        (None, "Bearer wrong-secret", 403, "The webhook's secret is wrong."),
        ("sms", None, 403, "The webhook's secret is wrong."),  # another webhook's secret
    ],
)
def test_a_missing_or_wrong_secret_is_refused(
    webhook_secrets, client_secret, header, status, detail
):
    client = webhook_client(client_secret)
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)

    response = client.post(NOTIFY_URL, NOTIFY_SAMPLE, format="json")

    assert (response.status_code, response.json()) == (status, {"detail": detail})
    if status == 401:
        assert response["WWW-Authenticate"] == 'Bearer realm="cyswllt-webhooks"'
    assert Case.objects.count() == 0


def test_a_webhook_without_a_configured_secret_refuses_everything(settings, db):
    settings.CYSWLLT = {**settings.CYSWLLT, "WEBHOOK_SECRETS": {}}

    response = webhook_client("notify_sms").post(NOTIFY_URL, NOTIFY_SAMPLE, format="json")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "This webhook has no secret configured."},
    )


def test_a_bad_payload_gets_field_errors_in_welsh(webhook_secrets):
    bad = notify_sample(source_number="<script>alert(1)</script>", date_received="yesterday")
    del bad["message"]

    response = webhook_client("notify_sms", "cy").post(NOTIFY_URL, bad, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"source_number", "message", "date_received"}
    assert response.json()["source_number"] == [
        "Rhowch rif ffôn gan ddefnyddio digidau a bylchau, gyda + ar y dechrau os oes angen."
    ]
    assert Case.objects.count() == 0


def test_script_in_the_text_is_kept_as_words_not_markup(webhook_secrets):
    text = '<script>alert("x")</script> bin'

    webhook_client("notify_sms").post(NOTIFY_URL, notify_sample(message=text), format="json")

    assert Case.objects.get().description == text  # stored as text; every page escapes it


def test_without_a_receiving_service_the_text_is_quarantined(webhook_secrets, settings):
    settings.CYSWLLT = {**settings.CYSWLLT, "INBOUND_SERVICE": "no-such-service"}

    response = webhook_client("notify_sms").post(NOTIFY_URL, NOTIFY_SAMPLE, format="json")

    held = QuarantinedMessage.objects.get()
    assert (response.status_code, response.json()["quarantine_id"]) == (202, held.pk)
    assert (held.channel, held.reason) == ("text", "no_service")
    assert b"df10a23e-2c6d-4ea5-87fb-82e520cbf93a" in bytes(held.raw)
