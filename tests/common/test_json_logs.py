"""``CYSWLLT_LOG_FORMAT=json``: one JSON object per line, with the request's id (echoed in the
response's X-Request-ID), the user's numeric id, the case's reference where the call gives one,
and no personal data; refusals still one line without a traceback (issue 20)."""

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from common.log_json import JsonFormatter
from tests.factories import UserFactory
from tests.worker_process import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """The LOGGING setting's console handler, with its filters, writing JSON to a buffer."""
    (handler,) = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    buffer = io.StringIO()
    previous_stream, previous_formatter = handler.setStream(buffer), handler.formatter
    handler.setFormatter(JsonFormatter())
    yield buffer
    handler.setStream(previous_stream)
    handler.setFormatter(previous_formatter)


def events(buffer: io.StringIO, logger: str | None = None) -> list[dict]:
    parsed = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return [event for event in parsed if logger is None or event["logger"] == logger]


def test_a_refusal_is_one_event_with_the_request_and_the_user(client, json_lines):
    user = UserFactory(role="councillor", email="gwen@example.com", username="gwen")
    client.force_login(user)

    response = client.get("/en/audit/cases/")

    assert response.status_code == 403
    (event,) = events(json_lines, "django.request")
    assert set(event) == {
        "time",
        "level",
        "logger",
        "message",
        "request_id",
        "user_id",
        "status_code",
    }
    assert event["message"] == "Forbidden (Permission denied): /en/audit/cases/"
    assert event["level"] == "WARNING"
    assert event["user_id"] == user.pk
    assert event["status_code"] == 403
    assert event["request_id"] == response["X-Request-ID"]
    assert len(event["request_id"]) == 32
    assert "gwen" not in json_lines.getvalue()


def test_a_not_found_logged_after_the_middleware_keeps_the_request_id(client, json_lines):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    (event,) = events(json_lines, "django.request")
    assert event["request_id"] == response["X-Request-ID"]
    assert "user_id" not in event  # nobody signed in


def test_each_request_has_its_own_id(client):
    first, second = client.get("/en/no-such-page/"), client.get("/en/no-such-page/")

    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize(
    ("peer", "offered", "kept"),
    [
        ("10.0.0.2", "7f3a9c0e2b1d4e5fa6b7c8d9e0f1a2b3", True),
        ("203.0.113.9", "7f3a9c0e2b1d4e5fa6b7c8d9e0f1a2b3", False),  # not a trusted proxy
        ("10.0.0.2", "abc def", False),  # not an id a proxy makes
        ("10.0.0.2", "x" * 129, False),
    ],
)
def test_a_request_id_is_taken_only_from_a_trusted_proxy(client, settings, peer, offered, kept):
    settings.CYSWLLT_TRUSTED_PROXIES = ["10.0.0.0/24"]

    response = client.get("/en/no-such-page/", REMOTE_ADDR=peer, HTTP_X_REQUEST_ID=offered)

    assert (response["X-Request-ID"] == offered) is kept
    assert len(response["X-Request-ID"]) == (len(offered) if kept else 32)


def test_a_case_reference_given_to_the_call_and_personal_data_masked(json_lines):
    logging.getLogger("cyswllt.test").warning(
        "Could not reach %s\nsecond line",
        "sian@example.com",
        extra={"case_reference": "CYS-2026-000042", "email": "sian@example.com"},
    )

    (event,) = events(json_lines, "cyswllt.test")
    assert event["case_reference"] == "CYS-2026-000042"
    assert event["message"] == "Could not reach [redacted]@example.com\nsecond line"
    # Only the fields listed are written: an extra attribute is not.
    assert "email" not in event
    assert len(json_lines.getvalue().splitlines()) == 1


def test_a_server_error_keeps_its_traceback_masked(json_lines):
    try:
        raise RuntimeError("duplicate key (email)=(sian@example.com)")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", "/en/", exc_info=True, extra={"status_code": 500}
        )

    (event,) = events(json_lines)
    assert event["exception"].startswith("Traceback (most recent call last)")
    assert "RuntimeError: duplicate key (email)=([redacted]@example.com)" in event["exception"]


def test_the_setting_switches_the_handler_to_json():
    environment = {
        **os.environ,
        "CYSWLLT_LOG_FORMAT": "json",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('cyswllt.check').warning('one %s', 'event')"
    )

    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    (line,) = result.stderr.splitlines()
    event = json.loads(line)
    assert (event["level"], event["logger"], event["message"]) == (
        "WARNING",
        "cyswllt.check",
        "one event",
    )


def test_a_format_that_is_neither_is_refused():
    environment = {
        **os.environ,
        "CYSWLLT_LOG_FORMAT": "yaml",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "ValueError: CYSWLLT_LOG_FORMAT must be text or json."
    )
