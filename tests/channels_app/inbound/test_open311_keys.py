"""Open311 clients have keys of their own (docs/adr/0026): issued once in the admin, kept only
as a hash, sent in the X-Api-Key header or GeoReport's api_key parameter, never a staff API
token, and never written to the logs."""

import io
import logging

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse as reverse_any

from accounts.models import Role
from channels_app.models import Open311Client
from common.log_redaction import RedactParameters
from contacts.models import Case
from tests.factories import UserFactory, open311_key, token_for

from .samples import payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def report(service, team) -> dict[str, str]:
    return {"service_code": service.code, **payload("open311_request")}


def test_an_integrations_api_token_is_not_an_open311_key(client, report, integration):
    """Today's main takes the API token of any user who may deliver inbound messages."""
    response = client.post(
        "/open311/v2/requests.json", {**report, "api_key": token_for(integration)}
    )

    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": "The api_key is missing or not valid."}]
    assert not Case.objects.exists()


def test_the_key_is_taken_from_the_x_api_key_header(client, report):
    key = open311_key("FixMyStreet")

    posted = client.post("/open311/v2/requests.json", report, HTTP_X_API_KEY=key)
    reference = posted.json()[0]["service_request_id"]
    read = client.get(f"/open311/v2/requests/{reference}.json", HTTP_X_API_KEY=key)

    assert posted.status_code == 201
    assert read.json()[0]["service_request_id"] == reference
    case = Case.objects.get()
    assert case.channel_details["client"] == Open311Client.objects.get().user.username


def test_only_a_hash_of_the_key_is_kept_and_its_account_cannot_sign_in(client):
    key = open311_key("FixMyStreet")

    stored = Open311Client.objects.select_related("user").get()
    prefix, secret = key.split(".")
    assert stored.key_prefix == prefix
    assert secret not in stored.key_hash and stored.key_hash.startswith("sha512$$")
    assert (stored.user.is_active, stored.user.has_usable_password()) == (False, False)
    assert not client.login(username=stored.user.username, password=key)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda key: key[:-1] + ("A" if key[-1] != "A" else "B"),  # the right prefix, wrong secret
        lambda key: key.split(".")[0],  # the prefix alone
        lambda key: "." + key.split(".")[1],  # the secret alone
        lambda key: key + "x" * 100,
    ],
)
def test_a_wrong_key_is_refused(client, report, spoil):
    key = open311_key("FixMyStreet")

    response = client.get("/open311/v2/requests.json", HTTP_X_API_KEY=spoil(key))

    assert response.status_code == 403


def test_an_inactive_clients_key_is_refused(client, report):
    key = open311_key("FixMyStreet")
    Open311Client.objects.update(active=False)

    response = client.post("/open311/v2/requests.json", {**report, "api_key": key})

    assert response.status_code == 403
    assert not Case.objects.exists()


def test_an_existing_client_keeps_reading_its_reports_under_its_account(client, report):
    """A client that reported with its account's API token before is issued a key under the
    same account, and reads the reports it sent then."""
    account = UserFactory(role=Role.ADVISOR, team=None, username="fixmystreet")
    account.user_permissions.add(Permission.objects.get(codename="deliver_inbound"))
    first_key = open311_key("FixMyStreet", user=account)
    reference = client.post("/open311/v2/requests.json", {**report, "api_key": first_key}).json()[
        0
    ]["service_request_id"]
    Open311Client.objects.all().delete()

    key = open311_key("FixMyStreet again", user=account)
    listed = client.get("/open311/v2/requests.json", {"api_key": key})

    assert [entry["service_request_id"] for entry in listed.json()] == [reference]
    assert client.get("/open311/v2/requests.json", {"api_key": first_key}).status_code == 403


def test_the_admin_shows_a_new_key_once_and_can_replace_it(client, administrator, report):
    client.force_login(administrator)

    added = client.post(
        reverse("admin:channels_app_open311client_add"), {"name": "FixMyStreet"}, follow=True
    )

    stored = Open311Client.objects.get()
    shown = [str(message) for message in added.context["messages"]]
    assert len(shown) == 2  # the key, and the admin's own "was added"
    key = shown[0].split(" is ")[1].split(". Copy")[0]
    assert shown[0] == (
        f"The key for FixMyStreet is {key}. Copy it now and give it to the client securely: "
        "it will not be shown again."
    )
    assert key.startswith(stored.key_prefix + ".")
    page = client.get(
        reverse("admin:channels_app_open311client_change", args=[stored.pk])
    ).content.decode()
    assert key.split(".")[1] not in page
    anonymous = Client()
    assert (
        anonymous.post("/open311/v2/requests.json", {**report, "api_key": key}).status_code == 201
    )

    replaced = client.post(
        reverse("admin:channels_app_open311client_changelist"),
        {"action": "issue_new_key", "_selected_action": [stored.pk]},
        follow=True,
    )

    new_key = str(next(iter(replaced.context["messages"]))).split(" is ")[1].split(". Copy")[0]
    assert new_key != key
    assert anonymous.get("/open311/v2/requests.json", {"api_key": key}).status_code == 403
    assert anonymous.get("/open311/v2/requests.json", {"api_key": new_key}).status_code == 200


@pytest.mark.parametrize("language", ["cy", "en"])
@pytest.mark.parametrize(
    "page", ["admin:channels_app_open311client_changelist", "admin:channels_app_open311client_add"]
)
def test_the_admin_pages_open_in_both_languages(client, administrator, page, language):
    client.force_login(administrator)
    open311_key("FixMyStreet")

    assert client.get(f"/{language}{reverse_any(page)[3:]}").status_code == 200


def reverse(name: str, args=()) -> str:
    """The admin's English address (the messages asserted are the English ones)."""
    return "/en" + reverse_any(name, args=args)[3:]


def _console_output(message: str, *args: object) -> str:
    """What the console handler of config/settings.py LOGGING writes for this record."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        handler.handle(logging.LogRecord("django.server", logging.INFO, "", 0, message, args, None))
    finally:
        handler.setStream(previous)
    return stream.getvalue()


@pytest.mark.parametrize(
    "line",
    [
        '"GET /open311/v2/requests.json?api_key=Ab12Cd34.s3cr3tS3cr3t HTTP/1.1" 200 2',
        '"GET /open311/v2/requests.json?status=open&API_KEY=Ab12Cd34.s3cr3tS3cr3t HTTP/1.1" 200 2',
        '"GET /open311/v2/requests.json?api%5Fkey=Ab12Cd34.s3cr3tS3cr3t&status=open HTTP/1.1"',
    ],
)
def test_request_lines_reach_the_log_without_the_key(line):
    written = _console_output("%s", line)

    assert "s3cr3t" not in written
    assert "=[redacted]" in written


def test_other_parameters_are_left_alone_and_more_can_be_named():
    line = "/x?api_key=secret&status=open&token=t0ken&monkey=banana"

    assert (
        RedactParameters().redact(line)
        == "/x?api_key=[redacted]&status=open&token=t0ken&monkey=banana"
    )
    assert RedactParameters(["api_key", "token"]).redact(line) == (
        "/x?api_key=[redacted]&status=open&token=[redacted]&monkey=banana"
    )
