"""An API request presenting a token is served without the browser's middleware (ADR 0037,
common/token_requests.py), through the WSGI application gunicorn runs: the same answers, the
same headers, the language chosen as for anyone; a signed-in browser still has its session."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from common.token_requests import presents_api_token, without_browser_middleware
from config.wsgi import application
from contacts.models import Case
from tests.factories import ServiceFactory, token_for

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


@contextmanager
def connection_kept() -> Iterator[None]:
    """As Django's test client does: the request's signals must not close the connection that
    holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def served(method: str, path: str, body: dict | None = None, **headers: Any):
    """The status, headers and body the WSGI application answers with."""
    factory = RequestFactory()
    request = (
        factory.get(path, **headers)
        if method == "get"
        else factory.post(path, json.dumps(body), content_type="application/json", **headers)
    )
    answer: dict = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    with connection_kept():
        chunks = application(request.environ, start_response)
        content = b"".join(chunks)
        chunks.close()
    return answer["status"], answer["headers"], content


def new_case(service) -> dict:
    return {
        "channel": "email",
        "service": service.code,
        "summary": "Missed bin",
        "received_at": "2026-07-01T09:30:00+01:00",
        "channel_details": {
            "contact_type": "department",
            "from_address": "ann@example.com",
            "to_address": "waste@example.gov.wales",
        },
        "customer": {"name": "Ann Jones", "email": "ann@example.com"},
    }


def test_token_requests_and_only_they_are_told_apart():
    api = {"PATH_INFO": CASES}
    assert presents_api_token({**api, "HTTP_AUTHORIZATION": "Token abc.def"})
    assert presents_api_token({**api, "HTTP_AUTHORIZATION": "token abc.def"})
    assert not presents_api_token({**api, "HTTP_AUTHORIZATION": "Bearer abc"})
    assert not presents_api_token({**api, "HTTP_AUTHORIZATION": "Tokenabc"})
    assert not presents_api_token(api)
    assert not presents_api_token({"PATH_INFO": "/en/my-work/", "HTTP_AUTHORIZATION": "Token a"})


def test_a_token_request_runs_every_middleware_but_the_browser_s():
    token_chain = application.handler_for({"PATH_INFO": CASES, "HTTP_AUTHORIZATION": "Token a"})
    assert token_chain is application.token_requests
    assert application.handler_for({"PATH_INFO": CASES}) is application.site

    kept = without_browser_middleware(settings.MIDDLEWARE, settings.BROWSER_MIDDLEWARE)
    assert "django.contrib.sessions.middleware.SessionMiddleware" not in kept
    assert "django.middleware.locale.LocaleMiddleware" in kept
    assert "csp.middleware.CSPMiddleware" in kept
    assert kept == [m for m in settings.MIDDLEWARE if m in kept]  # the same order
    with pytest.raises(ImproperlyConfigured, match="not in MIDDLEWARE"):
        without_browser_middleware(settings.MIDDLEWARE, ["no.such.Middleware"])


def test_a_case_made_with_a_token_has_the_headers_any_answer_has(advisor):
    key = token_for(advisor)
    status, headers, content = served(
        "post", CASES, new_case(advisor.team.service), HTTP_AUTHORIZATION=f"Token {key}"
    )

    assert status == 201, content
    reference = json.loads(content)["reference"]
    assert Case.objects.filter(reference=reference).exists()
    for name in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "X-Request-ID",
    ):
        assert name in headers
    assert headers["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert "Set-Cookie" not in headers


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_token_request_s_errors_are_the_full_chain_s_in_the_language_asked_for(
    client, advisor, language
):
    key = token_for(advisor)
    body = {**new_case(ServiceFactory(code="cyllid")), "received_at": "2026-07-01T09:30:00"}
    asked = {"HTTP_AUTHORIZATION": f"Token {key}", "HTTP_ACCEPT_LANGUAGE": language}

    status, headers, content = served("post", CASES, body, **asked)
    full = client.post(CASES, body, content_type="application/json", **asked)

    assert (status, json.loads(content)) == (400, full.json())
    assert headers["Content-Language"] == language
    assert "received_at" in full.json()
    assert not Case.objects.exists()


def test_a_bad_token_is_refused_as_by_the_full_chain(client):
    asked = {"HTTP_AUTHORIZATION": "Token nosuch.key", "HTTP_ACCEPT_LANGUAGE": "en"}

    status, headers, content = served("get", CASES, **asked)

    assert (status, json.loads(content)) == (401, {"detail": "Invalid token."})
    assert json.loads(content) == client.get(CASES, **asked).json()
    assert headers["WWW-Authenticate"] == "Token"


def test_a_signed_in_browser_still_reaches_the_api_with_its_session(client, advisor):
    client.force_login(advisor)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    status, _headers, content = served(
        "get", CASES, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session}"
    )

    assert status == 200, content
