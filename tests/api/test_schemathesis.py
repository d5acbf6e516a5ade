"""The API answers as its OpenAPI schema says, whatever it is sent: a bounded schemathesis run
(docs/adr/0029-the-api-answers-as-its-schema-says.md).

Every operation of the served schema is fuzzed through the live Django application (WSGI, in
this process, so each test's transaction holds what the requests write), authenticated as a
staff user with a token (inbound e-mail as the mail server, the webhooks with their shared
secret), with data the schema allows and data it forbids. Each answer must be no server
error, a status code the operation declares, with the declared content type and a body that
matches the declared schema.

The run is bounded and repeatable: a fixed seed, at most ``CYSWLLT_SCHEMATHESIS_EXAMPLES``
examples per operation and generation mode, and ``CYSWLLT_SCHEMATHESIS_SECONDS`` for the whole
run, shared out evenly between the operations (each is its own test, so pytest-xdist spreads
them over its processes).
"""

import contextlib
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import schemathesis
from django.contrib.auth.models import Permission
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import Role, User
from contacts.models import Case
from tests.factories import CustomerFactory, UserFactory, make_case, token_for

from .test_schema import PATHS

SCHEMA_URL = "/api/v1/schema/?format=json"

#: The whole run's time, shared out between the operations; and the most examples tried per
#: operation in each generation mode (whichever ends first).
SECONDS = float(os.environ.get("CYSWLLT_SCHEMATHESIS_SECONDS", "60"))
EXAMPLES = int(os.environ.get("CYSWLLT_SCHEMATHESIS_EXAMPLES", "100"))
SEED = int(os.environ.get("CYSWLLT_SCHEMATHESIS_SEED", "16"))

OPERATIONS = sorted((method.upper(), path) for path, methods in PATHS.items() for method in methods)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# An e-mail delivered whole (POST /api/v1/inbound/email/) is sent as the bytes generated.
schemathesis.serializer.alias("message/rfc822", "application/octet-stream")


class OutOfTime(BaseException):
    """The operation's share of the time is spent. A BaseException, so that Hypothesis stops
    at once rather than take it for a failure (generating examples costs time too)."""


def authorization(user: User) -> str:
    """The ``Authorization`` header of an API client acting as ``user``: the one place here
    that knows how API tokens are made."""
    return f"Token {token_for(user)}"


@pytest.fixture(scope="module")
def app() -> WSGIHandler:
    return WSGIHandler()


@pytest.fixture(scope="module")
def api_schema(app, django_db_blocker) -> schemathesis.BaseSchema:
    """The schema as the API serves it (in English, to nobody signed in)."""
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi(SCHEMA_URL, app, headers={"Accept-Language": "en"})


@pytest.fixture
def in_the_test_transaction() -> Iterator[None]:
    """Requests through the WSGI handler would close the test's database connection at their
    end, as Django's test client avoids too: keep it, and with it the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def known(team, in_the_test_transaction) -> dict[str, str]:
    """Path parameters that find something, so that the actions get past their 404: a case of
    the staff user's service, with a customer who gave no e-mail address."""
    customer = CustomerFactory.create(email="", phone="07700 900123")
    case: Case = make_case(
        service=team.service,
        customer=customer,
        received_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    )
    return {"reference": case.reference, "id": str(customer.pk), "kind": "respond"}


WEBHOOK_SECRET = "schemathesis-webhook-secret"


@pytest.fixture
def callers(settings, team) -> dict[str, str]:
    """Who calls each kind of operation: a staff user; the mail server (a service integration)
    for inbound e-mail; the providers, with their shared secret, for the webhooks."""
    settings.CYSWLLT = {
        **settings.CYSWLLT,
        "WEBHOOK_SECRETS": dict.fromkeys(settings.CYSWLLT["WEBHOOK_SECRETS"], WEBHOOK_SECRET),
    }
    mail_server = UserFactory.create(role=Role.ADMINISTRATOR, team=None, username="mail-server")
    mail_server.user_permissions.add(Permission.objects.get(codename="deliver_inbound"))
    return {
        "staff": authorization(team.manager),
        "/api/v1/inbound/email/": authorization(mail_server),
        "webhook": f"Bearer {WEBHOOK_SECRET}",
    }


def _caller(path: str, callers: dict[str, str]) -> str:
    if path in callers:
        return callers[path]
    return callers["webhook" if path.startswith("/api/v1/inbound/") else "staff"]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_operation_answers_as_the_schema_says(method, path, api_schema, callers, known):
    operation = api_schema[path][method]
    headers = {"Authorization": _caller(path, callers), "Accept-Language": "en"}
    share = SECONDS / len(OPERATIONS) / 2  # of each generation mode
    failed: list[schemathesis.Case] = []

    def bounded(mode: GenerationMode):
        ends = time.monotonic() + share

        @seed(SEED)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        )
        @given(case=operation.as_strategy(mode), use_known=st.booleans())
        def run(case: schemathesis.Case, use_known: bool) -> None:
            # Out of time, the remaining examples pass untried; once one has failed, the time
            # limit no longer applies, so that Hypothesis can shrink and replay it.
            if time.monotonic() > ends and not failed:
                raise OutOfTime
            if use_known and case.path_parameters:
                case.path_parameters = {
                    name: known.get(name, value) for name, value in case.path_parameters.items()
                }
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except Exception:
                failed.append(case)
                raise

        return run

    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        with contextlib.suppress(OutOfTime):
            bounded(mode)()


def test_every_operation_of_the_schema_is_fuzzed(api_schema):
    served = {
        (result.ok().method.upper(), result.ok().path) for result in api_schema.get_all_operations()
    }
    assert served == set(OPERATIONS)
