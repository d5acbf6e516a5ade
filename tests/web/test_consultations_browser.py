"""Consultations in Chromium, in Welsh and English (issue 18 item 3): a resident responds with
JavaScript switched off — a missing answer refused, the e-mail check's link followed — and an
officer analyses the responses (a theme tagged, a filter), publishes the outcome, and finds it
linked from "You said, we did". Every page is checked by axe-core against WCAG 2.2 AA."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.domain.answers import Checked
from consultations.models import Consultation, Response
from consultations.services.responses import response_enter
from messaging.models import OutboundMessage, Purpose
from tests.consultations.helpers import consultation, officer, questions

from .conftest import CHROMIUM, axe_violations, screenshot  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {
        "title": "Casgliadau biniau",
        "respond": "Ymateb i'r ymgynghoriad hwn",
        "missing": "Atebwch y cwestiwn hwn.",
        "check": "Gwiriwch eich e-bost",
        "counted": "Ymateb wedi'i gyfrif",
        "yes": "Dydd Llun",
        "outcome": "Pa wahaniaeth a wnaeth",
    },
    "en": {
        "title": "Bin collections",
        "respond": "Respond to this consultation",
        "missing": "Answer this question.",
        "check": "Check your e-mail",
        "counted": "Response counted",
        "yes": "Monday",
        "outcome": "What difference it made",
    },
}


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _axe_clean(page, path: str) -> None:
    page.goto(path)
    assert axe_violations(page) == [], path


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_a_resident_responds_without_javascript(no_script_page, page, lang):
    words = WORDS[lang]
    made = consultation(one_per_person=True)
    asked = questions(made)
    browser = no_script_page
    browser.goto(f"/{lang}/consultations/")
    browser.get_by_role("link", name=words["title"]).click()
    browser.get_by_role("button", name=words["respond"]).click()
    browser.wait_for_url(f"**/{lang}/consultations/{made.pk}/respond/")
    # Nothing answered: refused, with the question's own message.
    browser.locator("main form button[type=submit]").click()
    assert words["missing"] in browser.locator(".govuk-error-summary").inner_text()
    screenshot(browser, f"consultations/respond-error-{lang}")
    assert not Response.objects.exists()
    browser.locator(f"#id_{asked['scale'].field_name}-4").check()
    browser.get_by_label(words["yes"]).check()
    browser.locator(f"#id_{asked['text'].field_name}").fill("Mwy o ailgylchu / More recycling")
    browser.locator("#id_email").fill("resident@example.com")
    browser.locator("main form button[type=submit]").click()
    assert browser.locator("h1").inner_text() == words["check"]
    message = OutboundMessage.objects.get(purpose=Purpose.CONSULTATION_CHECK)
    assert message.language == lang
    link = re.search(r"https?://\S+/consultations/confirm/\S+/", message.body)
    assert link is not None
    browser.goto(link.group(0).split("/", 3)[3].join(["/", ""]))
    browser.locator("main form button[type=submit]").click()
    assert browser.locator("h1").inner_text() == words["counted"]
    screenshot(browser, f"consultations/counted-{lang}")
    response = Response.objects.get()
    assert response.confirmed_at is not None and response.language == lang
    for path in (
        f"/{lang}/consultations/",
        f"/{lang}/consultations/{made.pk}/",
        f"/{lang}/consultations/{made.pk}/respond/",
    ):
        _axe_clean(page, path)
    page.goto(f"/{lang}/consultations/{made.pk}/respond/")
    page.locator("main form button[type=submit]").click()
    assert axe_violations(page) == []


def _closed_with_responses() -> Consultation:
    today = timezone.localdate()
    made = consultation(opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1))
    asked = questions(made)
    clerk = officer(username="entering-officer")
    now = timezone.now()
    for i, (language, text) in enumerate(
        (("cy", "Bydd yn drewi"), ("en", "It will smell"), ("en", "Too little space"))
    ):
        response_enter(
            consultation=made,
            answers={
                asked["scale"].pk: Checked(value=2 + i),
                asked["text"].pk: Checked(text=text),
            },
            language=language,
            ward=None,
            way="paper",
            actor=clerk,
            received_on=now - timedelta(days=10),
            now=now,
        )
    return made


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_an_officer_analyses_and_publishes_the_outcome(page, sign_in_browser, lang):
    made = _closed_with_responses()
    text = questions(made)["text"]
    sign_in_browser(officer(username=f"officer-{lang}"))
    page.goto(f"/{lang}/manage-consultations/{made.pk}/analysis/")
    assert axe_violations(page) == []
    page.locator("#id_name").fill("Smell")
    page.locator("form[action$='/themes/new/'] button").click()
    page.goto(f"/{lang}/manage-consultations/{made.pk}/analysis/{text.pk}/answers/")
    page.get_by_label("It will smell").check()
    page.locator("form:not([action]) button[type=submit]").first.click()
    assert axe_violations(page) == []
    screenshot(page, f"consultations/answers-{lang}")
    page.goto(f"/{lang}/manage-consultations/{made.pk}/analysis/")
    section = page.locator(f"section[aria-labelledby='question-{text.pk}']")
    assert "Smell" in section.inner_text()
    screenshot(page, f"consultations/analysis-{lang}")
    # Filtered to the Welsh responses: one counted.
    page.locator("#id_language").select_option("cy")
    page.locator("form.app-filters button").click()
    assert "language=cy" in page.url
    assert "1" in page.locator("p.govuk-body-l").inner_text()
    # The outcome, in both languages.
    page.goto(f"/{lang}/manage-consultations/{made.pk}/outcome/")
    assert axe_violations(page) == []
    for field in ("what_we_asked", "what_we_found", "what_difference"):
        page.locator(f"#id_{field}_cy").fill(f"{field} yn Gymraeg")
        page.locator(f"#id_{field}_en").fill(f"{field} in English")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/manage-consultations/{made.pk}/")
    page.goto(f"/{lang}/you-said-we-did/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=WORDS[lang]["title"]).click()
    page.wait_for_url(f"**/{lang}/consultations/{made.pk}/outcome/")
    body = page.locator("main").inner_text()
    assert WORDS[lang]["outcome"] in body
    assert f"what_difference {'yn Gymraeg' if lang == 'cy' else 'in English'}" in body
    assert axe_violations(page) == []
    screenshot(page, f"consultations/outcome-{lang}")
