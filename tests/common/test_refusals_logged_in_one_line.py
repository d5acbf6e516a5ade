"""A 403 or a 404 is logged as one line, without the traceback of the exception that made it
(issue 20: a short walk through the demo printed 227 ``PermissionDenied`` tracebacks); a server
error keeps its traceback."""

import io
import logging
from collections.abc import Iterator

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the LOGGING setting's console handler writes."""
    (handler,) = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def lines_after_sign_in(console: io.StringIO) -> list[str]:
    """The lines written, less django-axes' own about the test's sign-in."""
    return [line for line in console.getvalue().splitlines() if not line.startswith("AXES: ")]


def test_a_page_refused_to_the_role_is_one_line(client, console):
    client.force_login(UserFactory(role="councillor"))

    assert client.get("/en/audit/cases/").status_code == 403

    assert lines_after_sign_in(console) == ["Forbidden (Permission denied): /en/audit/cases/"]


def test_a_missing_case_is_one_line(client, console, advisor):
    client.force_login(advisor)

    assert client.get("/en/cases/CYS-2026-999999/").status_code == 404

    assert lines_after_sign_in(console) == ["Not Found: /en/cases/CYS-2026-999999/"]


def test_a_server_error_keeps_its_traceback(console):
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", "/en/", exc_info=True, extra={"status_code": 500}
        )

    assert "Traceback (most recent call last)" in console.getvalue()
