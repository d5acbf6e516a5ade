"""No personal data in the logs (issue 17 item 6, SPEC §12): a realistic session in Chromium —
an advisor logs a phone call for a customer with a name, e-mail address, number and postcode,
searches for them, opens the case and the customer record; a resident sends the public form
and checks their case — with the web server's request lines (runserver's, as gunicorn's
access log writes the same request line) and every application log at INFO captured through
the handler the LOGGING setting configures, and a Celery worker sending the acknowledgements
at INFO. Then the logs are searched for every detail of both people, as written and as
normalised (a number without spaces, a postcode in capitals without its space)."""

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.servers.basehttp import WSGIRequestHandler
from django.test.testcases import QuietWSGIRequestHandler
from django.utils import timezone

from contacts.models import Case
from messaging.models import OutboundMessage
from tests.throttles import throttle_keys
from tests.worker_process import running_worker, wait_for

from .conftest import search_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CALLER = {
    "name": "Branwen Prydderch",
    "email": "branwen.prydderch@example.org",
    "phone": "07700 900461",
    "postcode": "LL15 1ZZ",
}
RESIDENT = {
    "name": "Iolo Gwallter",
    "email": "iolo.gwallter@example.net",
    "phone": "07700 900462",
    "postcode": "SA31 3QB",
}


def variants(person: dict[str, str]) -> set[str]:
    """Each detail as typed and as the application may normalise it; the name's parts too."""
    found = set()
    for value in person.values():
        found |= {value, value.replace(" ", ""), value.upper(), value.lower()}
    found |= {part for part in person["name"].split() if len(part) > 3}
    found.add(person["email"].split("@")[0])
    return found


@contextmanager
def server_logs() -> Iterator[io.StringIO]:
    """What the configured console handlers (config/settings.py LOGGING, with their filters)
    write, at INFO, with the live server's request lines logged as runserver logs them."""
    buffer = io.StringIO()
    loggers = [logging.getLogger(name) for name in ("", "django.server", "gunicorn.access")]
    handlers = {
        handler
        for logger in loggers
        for handler in logger.handlers
        if type(handler) is logging.StreamHandler
    }
    assert handlers, "the LOGGING setting's console handler is not installed"
    streams = {handler: handler.setStream(buffer) for handler in handlers}
    levels = {logger: logger.level for logger in loggers}
    for logger in loggers:
        logger.setLevel(logging.INFO)
    # The test server is quiet; runserver's handler logs each request line to django.server.
    quiet = QuietWSGIRequestHandler.log_message
    QuietWSGIRequestHandler.log_message = WSGIRequestHandler.log_message  # type: ignore[method-assign]
    try:
        yield buffer
    finally:
        QuietWSGIRequestHandler.log_message = quiet  # type: ignore[method-assign]
        for logger, level in levels.items():
            logger.setLevel(level)
        for handler, stream in streams.items():
            handler.setStream(stream)


@pytest.fixture(autouse=True)
def clear_throttles():
    keys = throttle_keys(emails=(RESIDENT["email"],))
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def log_the_call(page) -> Case:
    page.goto("/en/log-contact/phone/")
    page.locator("input[name=contact_type][value=callback]").check()
    when = timezone.localtime() + timedelta(days=1)
    page.locator("#id_callback_at_day").fill(str(when.day))
    page.locator("#id_callback_at_month").fill(str(when.month))
    page.locator("#id_callback_at_year").fill(str(when.year))
    page.locator("#id_callback_at_time").fill("2:30pm")
    page.locator("#id_callback_number").fill(CALLER["phone"])
    page.locator("input[name=kind][value=service_request]").check()
    page.locator("#id_summary").fill("Bin not collected")
    page.locator("input[name=language][value=en]").check()
    page.locator("#id_customer_name").fill(CALLER["name"])
    page.locator("#id_customer_phone").fill(CALLER["phone"])
    page.locator("#id_customer_email").fill(CALLER["email"])
    page.locator("details:has(#id_customer_postcode) summary").click()
    page.locator("#id_customer_postcode").fill(CALLER["postcode"])
    page.locator("input[name=customer_welsh][value=no]").check()
    page.get_by_role("button", name="Log contact").click()
    page.wait_for_url("**/en/cases/CYS-*/")
    return Case.objects.get(channel="phone")


def send_the_public_form(page, service) -> str:
    page.goto("/en/contact-us/")
    page.get_by_role("button", name="Start in English").click()
    page.wait_for_url("**/en/contact-us/type/")
    page.get_by_label("Make a complaint").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/service/")
    page.get_by_label(service.name_en).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/details/")
    page.locator("#id_details").fill("Nobody collected the recycling for three weeks.")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/files/")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/about-you/")
    page.locator("#id_name").fill(RESIDENT["name"])
    page.locator("#id_email").fill(RESIDENT["email"])
    page.locator("#id_phone").fill(RESIDENT["phone"])
    page.locator("#id_postcode").fill(RESIDENT["postcode"])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/welsh/")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/accessibility/")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/check/")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/done/")
    return page.locator(".govuk-panel__body strong").inner_text()


def check_the_case(page, reference: str) -> None:
    page.goto("/en/track/")
    page.locator("#id_reference").fill(reference)
    page.locator("#id_proof").fill(RESIDENT["email"])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/en/track/status/")


def test_a_working_session_logs_nobody_s_details(
    browser, live_server, sign_in_browser, advisor, service, tmp_path
):
    with running_worker(tmp_path) as worker, server_logs() as logs:
        staff = sign_in_browser(advisor)
        case = log_the_call(staff)
        search_in_browser(staff, "en", CALLER["name"])
        search_in_browser(staff, "en", CALLER["postcode"])
        staff.goto(f"/en/cases/{case.reference}/")
        staff.goto(f"/en/customers/{case.customer_id}/")
        assert staff.locator("h1").inner_text() == CALLER["name"]

        resident = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
        reference = send_the_public_form(resident, service)
        check_the_case(resident, reference)
        resident.context.close()

        # The resident's acknowledgement goes through the worker, as does every message owed.
        assert wait_for(
            lambda: (
                OutboundMessage.objects.filter(recipient=RESIDENT["email"], state="sent").exists()
                and not OutboundMessage.objects.filter(state__in=("queued", "sending")).exists()
            )
        ), worker.output()

    written = logs.getvalue() + worker.output()
    # The capture works: request lines of the session, and the worker's tasks, are there.
    assert re.search(r'"POST /en/log-contact/phone/ HTTP/1\.1" 302', written), written[:2000]
    assert re.search(r'"GET /en/customers/\d+/ HTTP/1\.1" 200', written), written[:2000]
    assert '"POST /en/track/ HTTP/1.1" 302' in written
    assert "messaging.tasks" in written and "succeeded" in written
    leaked = sorted(
        detail
        for detail in variants(CALLER) | variants(RESIDENT)
        if detail.lower() in written.lower()
    )
    assert leaked == [], "\n".join(
        line for line in written.splitlines() if any(d.lower() in line.lower() for d in leaked)
    )
