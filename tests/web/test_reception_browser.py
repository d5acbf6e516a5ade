"""Reception and search in a real Chromium, in Welsh and English: registering a drop-in
visitor, checking in an appointment and marking visitors seen (with a mouse, and with the
keyboard alone), searching and opening a case; axe-core's WCAG 2.2 AA check of every state of
both pages, and screenshots in /tmp/ui/reception/.

The clock is fixed at 10:00 on Monday 2 March 2026 (GMT) for the live server too (it runs in
this process), so "today" and the waits have one answer.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from contacts.models import Customer, Milestone, Visit
from contacts.reception import reception_register
from tests.factories import ServiceFactory, make_case

from .conftest import SCREENSHOTS, axe_violations, screenshot
from .test_browser import FOCUS_YELLOW, english_left_on, focus_background, heading, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
WORDS = {
    "en": {
        "reception": "Reception",
        "name": "Visitor's name",
        "reason": "Reason for the visit",
        "yes": "Yes",
        "register": "Register visitor",
        "check_in": "Check in",
        "seen": "Seen",
        "checked_in": "Gareth Evans is checked in.",
        "seen_done": "Gareth Evans has been seen.",
        "search": "Search",
        "search_box": "Search cases",
        "problem": "There is a problem",
        "name_error": "Enter the visitor's name",
    },
    "cy": {
        "reception": "Derbynfa",
        "name": "Enw'r ymwelydd",
        "reason": "Rheswm dros yr ymweliad",
        "yes": "Hoffwn",
        "register": "Cofnodi'r ymwelydd",
        "check_in": "Nodi cyrraedd",
        "seen": "Wedi gweld",
        "checked_in": "Mae cyrhaeddiad Gareth Evans wedi'i nodi.",
        "seen_done": "Wedi gweld Gareth Evans.",
        "search": "Chwilio",
        "search_box": "Chwilio achosion",
        "problem": "Mae problem",
        "name_error": "Rhowch enw'r ymwelydd",
    },
}
SHOTS = "reception/"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def desk(service, advisor):
    """An appointment at 10:03, a visitor who has waited 8 minutes and another case to find."""
    appointment = make_case(
        service=service,
        channel="visit",
        details={"contact_type": "appointment", "scheduled_at": "2026-03-02T10:03:00+00:00"},
        received_at=NOW - timedelta(days=3),
        customer=Customer(name="Gareth Evans", postcode="LL15 1AB"),
    )
    waiting = reception_register(
        service=service,
        actor=advisor,
        name="Siân Roberts",
        reason="Bathodyn glas",
        welsh=True,
        now=NOW - timedelta(minutes=8),
    ).case
    findable = make_case(
        service=service,
        received_at=NOW - timedelta(hours=2),
        customer=Customer(name="Eleri Pugh", email="eleri@example.com"),
    )
    make_case(
        service=ServiceFactory(code="highways"),
        received_at=NOW - timedelta(hours=1),
        customer=Customer(name="Eleri Pugh"),
        confidential=True,
    )
    return appointment, waiting, findable


def english_on_welsh_page(page) -> list[str]:
    # The language switch offers "English" by its own name on every Welsh page.
    return [text for text in english_left_on(page) if text != "English"]


def assert_accessible(page, name: str) -> None:
    (SCREENSHOTS / SHOTS).mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS + name)
    assert axe_violations(page) == [], name


@pytest.mark.parametrize("language", ["en", "cy"])
def test_checking_in_a_visitor_and_marking_them_seen(sign_in_browser, advisor, desk, language):
    words = WORDS[language]
    appointment, waiting, _findable = desk
    page = sign_in_browser(advisor)
    page.goto(f"/{language}/my-work/")
    with page.expect_navigation(url=f"**/{language}/reception/"):
        page.get_by_role("link", name=words["reception"], exact=True).click()
    assert heading(page) == words["reception"]
    assert_accessible(page, f"reception-{language}")
    if language == "cy":
        assert english_on_welsh_page(page) == []

    # A visitor registered without a name: the error summary, in the page's language.
    page.get_by_label(words["reason"]).fill("Council tax")
    page.get_by_role("button", name=words["register"]).click()
    summary = page.locator(".govuk-error-summary")
    assert words["problem"] in summary.inner_text()
    assert words["name_error"] in summary.inner_text()
    assert_accessible(page, f"reception-error-{language}")

    page.get_by_label(words["name"]).fill("Eira Jones")
    page.get_by_label(words["reason"]).fill("Council tax")
    page.get_by_label(words["yes"], exact=True).check()
    with page.expect_navigation(url=f"**/{language}/reception/"):
        page.get_by_role("button", name=words["register"]).click()
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "Eira Jones" in banner and ("20" in banner)
    queue = page.locator("table[aria-labelledby='queue-heading'] tbody th")
    assert [text.split("\n")[0].strip() for text in queue.all_inner_texts()] == [
        f"Siân Roberts {'Welsh' if language == 'en' else 'Cymraeg'}",
        f"Eira Jones {'Welsh' if language == 'en' else 'Cymraeg'}",
    ]

    with page.expect_navigation(url=f"**/{language}/reception/"):
        page.get_by_role("button", name=f"{words['check_in']} – Gareth Evans").click()
    assert words["checked_in"] in page.locator(".govuk-notification-banner").inner_text()
    assert Visit.objects.get(case=appointment).arrived_at == NOW
    assert_accessible(page, f"reception-checked-in-{language}")

    with page.expect_navigation(url=f"**/{language}/reception/"):
        page.get_by_role("button", name=f"{words['seen']} – Gareth Evans").click()
    assert words["seen_done"] in page.locator(".govuk-notification-banner").inner_text()
    assert Milestone.objects.get(case=appointment, kind="seen").state == "met"

    with page.expect_navigation(url=f"**/{language}/reception/"):
        page.get_by_role("button", name=f"{words['seen']} – Siân Roberts").click()
    assert Milestone.objects.get(case=waiting, kind="seen").met_at == NOW
    assert_accessible(page, f"reception-seen-{language}")


def test_the_waits_refresh_in_place(sign_in_browser, advisor, desk, monkeypatch):
    _appointment, waiting, _findable = desk
    page = sign_in_browser(advisor)
    page.goto("/en/reception/")
    wait = page.locator(f"#wait-{waiting.pk}")
    assert wait.inner_text() == "8 minutes"

    later = NOW + timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    # What the 30-second poll does, without waiting 30 seconds for it.
    page.evaluate(
        "() => htmx.ajax('GET', '/en/reception/times/',"
        " {source: '#app-reception-refresh', swap: 'none'})"
    )
    page.wait_for_function(
        f"() => document.querySelector('#wait-{waiting.pk}').textContent === '13 minutes'"
    )


def test_checking_in_from_the_keyboard_alone(sign_in_browser, advisor, desk):
    appointment, _waiting, _findable = desk
    page = sign_in_browser(advisor)
    page.goto("/en/my-work/")

    tab_to(page, "a[href='/en/reception/']")
    assert focus_background(page) == FOCUS_YELLOW
    with page.expect_navigation(url="**/en/reception/"):
        page.keyboard.press("Enter")

    tab_to(page, f"form[action='/en/reception/{appointment.reference}/check-in/'] button")
    assert focus_background(page) == FOCUS_YELLOW
    with page.expect_navigation(url="**/en/reception/"):
        page.keyboard.press("Enter")
    assert Visit.objects.filter(case=appointment).exists()

    tab_to(page, f"form[action='/en/reception/{appointment.reference}/seen/'] button")
    with page.expect_navigation(url="**/en/reception/"):
        page.keyboard.press("Enter")
    assert Milestone.objects.get(case=appointment, kind="seen").state == "met"

    tab_to(page, "#id_name")
    page.keyboard.type("Dafydd Rees")
    tab_to(page, "#id_reason")
    page.keyboard.type("Housing benefit")
    tab_to(page, "#id_welsh")
    page.keyboard.press("ArrowRight")  # a radio group moves and chooses with the arrows
    assert page.evaluate("() => document.activeElement.id") == "id_welsh_1"
    tab_to(page, "form[action='/en/reception/drop-in/'] button[type=submit]")
    with page.expect_navigation(url="**/en/reception/"):
        page.keyboard.press("Enter")
    assert "Dafydd Rees is registered" in page.locator(".govuk-notification-banner").inner_text()
    assert Customer.objects.get(name="Dafydd Rees").preferred_language == "en"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_searching_and_opening_a_case(sign_in_browser, advisor, desk, language):
    words = WORDS[language]
    _appointment, _waiting, findable = desk
    page = sign_in_browser(advisor)
    page.goto(f"/{language}/my-work/")
    page.get_by_role("link", name=words["search"], exact=True).click()
    page.wait_for_url(f"**/{language}/search/")
    assert_accessible(page, f"search-empty-{language}")

    page.get_by_label(words["search_box"]).fill("eleri pugh")
    page.get_by_label(words["search_box"]).press("Enter")
    # The words are posted: the results' address holds a key to them (ADR 0028).
    page.wait_for_url(re.compile(r"/search/\?s=[\w-]+$"))
    assert "eleri" not in page.url.lower()
    rows = page.locator("table.app-queue-table tbody tr th a")
    # Not another service's confidential case of an Eleri Pugh (docs/adr/0018).
    assert rows.all_inner_texts() == [findable.reference]
    assert_accessible(page, f"search-results-{language}")
    if language == "cy":
        assert english_on_welsh_page(page) == []

    page.get_by_label(words["search_box"]).fill('"nothing (at all')
    with page.expect_navigation(url=re.compile(r"/search/\?s=")):
        page.get_by_role("button", name=words["search"], exact=True).click()
    assert rows.count() == 0
    assert_accessible(page, f"search-none-{language}")

    page.get_by_label(words["search_box"]).fill("x" * 300)
    with page.expect_navigation():
        page.get_by_label(words["search_box"]).press("Enter")
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, f"search-error-{language}")

    page.get_by_label(words["search_box"]).fill(findable.reference.lower())
    page.get_by_label(words["search_box"]).press("Enter")
    page.wait_for_url(f"**/{language}/cases/{findable.reference}/")
    assert heading(page) == findable.reference
