"""The staff pages in a real Chromium: signing in, working the queues with a mouse and with the
keyboard alone, switching language, and axe-core's WCAG 2.2 AA check of every page in Welsh and
English. Screenshots of every page land in /tmp/ui/ (CYSWLLT_SCREENSHOTS) for a person to look
at.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import make_case

from .conftest import PASSWORD, axe_violations, build_world, screenshot, watch_csp

pytestmark = [
    pytest.mark.browser,
    # The live server runs in another thread, so the data must be committed; the catalogue
    # loaded by the migrations is restored after each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: The focus style of GOV.UK Frontend: yellow behind the focused link or control.
FOCUS_YELLOW = "rgb(255, 221, 0)"


@pytest.fixture
def browser_world(service, team, advisor):
    return build_world(service=service, team=team, advisor=advisor)


def heading(page) -> str:
    return page.locator("h1").inner_text()


def tab_to(page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def focus_background(page) -> str:
    return page.evaluate("() => getComputedStyle(document.activeElement).backgroundColor")


def test_signing_in_and_out_through_the_form(page, browser_world):
    page.goto("/en/my-work/")
    assert page.url.endswith("/en/sign-in/?next=/en/my-work/")

    page.get_by_label("Username").fill("advisor")
    page.get_by_label("Password", exact=True).fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter a correct username and password" in summary.inner_text()
    # GOV.UK Frontend moves the focus to the summary so that a screen reader announces it.
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/my-work/")
    assert heading(page) == "My work"
    assert page.locator(".app-header__account").inner_text().startswith("Signed in as Alex")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/en/sign-in/")
    assert "You have signed out." in page.locator(".govuk-notification-banner").inner_text()


def test_my_work_filtered_and_sorted_with_a_mouse(sign_in_browser, browser_world):
    world = browser_world
    page = sign_in_browser(world.advisor)
    page.goto("/en/my-work/")
    rows = page.locator("tbody tr th a")
    assert rows.count() == 3

    page.get_by_label("Channel").select_option("phone")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"channel=phone"))
    assert rows.all_inner_texts() == [world.mine_due_soon.reference]
    assert "Phone" in page.locator(".moj-filter__selected").inner_text()

    page.locator(".moj-filter__tag", has_text="Phone").click()
    page.wait_for_url(re.compile(r"/en/my-work/\?sort=next_due$"))
    assert rows.count() == 3

    page.get_by_role("link", name="Reference").click()
    assert page.locator("th[aria-sort='ascending']").inner_text().startswith("Reference")
    assert rows.all_inner_texts() == sorted(rows.all_inner_texts())
    page.get_by_role("link", name="Reference").click()
    assert page.locator("th[aria-sort='descending']").inner_text().startswith("Reference")
    assert rows.all_inner_texts() == sorted(rows.all_inner_texts(), reverse=True)

    rows.first.click()
    assert heading(page) == world.mine_compliment.reference


def test_the_main_actions_work_from_the_keyboard_alone(page, browser_world):
    world = browser_world
    page.goto("/en/sign-in/")

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to main content"
    tab_to(page, "#id_username")
    page.keyboard.type("advisor")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/my-work/")

    tab_to(page, "a[href='/en/team-queue/']")
    assert focus_background(page) == FOCUS_YELLOW
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/team-queue/")
    assert heading(page) == "Team queue"

    tab_to(page, "#id_status")
    page.keyboard.type("Resolved")
    tab_to(page, "#queue-filter button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"status=resolved"))
    assert page.locator("tbody tr th a").all_inner_texts() == [world.team_resolved.reference]

    tab_to(page, "th[aria-sort] a.app-sort-link[href*='reference']")
    assert focus_background(page) == FOCUS_YELLOW
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sort=reference"))

    tab_to(page, f"a[href='/en/cases/{world.team_resolved.reference}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/cases/{world.team_resolved.reference}/")
    assert heading(page) == world.team_resolved.reference

    tab_to(page, "a[hreflang='cy']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cy/cases/{world.team_resolved.reference}/")
    tab_to(page, "button.app-header__sign-out-button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cy/sign-in/")


def test_switching_language_keeps_the_page_and_its_filters(sign_in_browser, browser_world):
    page = sign_in_browser(browser_world.advisor)
    page.goto("/en/my-work/?channel=email&sort=reference")

    page.get_by_role("link", name="Cymraeg").click()

    page.wait_for_url("**/cy/my-work/?channel=email&sort=reference")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert heading(page) == "Fy ngwaith"
    assert page.get_by_label("Sianel").input_value() == "email"
    assert page.locator("tbody tr th a").all_inner_texts() == [
        browser_world.mine_breached.reference
    ]
    assert english_left_on(page) == []

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/my-work/?channel=email&sort=reference")
    assert heading(page) == "My work"


def test_the_counts_follow_new_work_without_a_reload(sign_in_browser, browser_world, service):
    page = sign_in_browser(browser_world.advisor)
    page.goto("/en/my-work/")
    count = page.locator("#app-count-mine")
    assert count.inner_text().startswith("3")

    make_case(service=service, owner=browser_world.advisor, received_at=timezone.now())
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")

    page.wait_for_function(
        "() => document.querySelector('#app-count-mine').textContent.startsWith('4')"
    )
    assert "4 open cases" in count.text_content()


def test_on_a_phone_the_filter_opens_from_a_button(sign_in_browser, browser_world):
    page = sign_in_browser(browser_world.advisor)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/cy/my-work/")
    show = page.get_by_role("button", name="Dangos yr hidlydd")

    assert not page.locator(".moj-filter").is_visible()
    show.click()
    assert page.locator(".moj-filter").is_visible()
    screenshot(page, "my-work-phone-filter-open-cy")
    page.get_by_role("button", name="Cau").click()
    assert not page.locator(".moj-filter").is_visible()
    screenshot(page, "my-work-phone-cy")


# --- Every page, in both languages: axe-core and screenshots ------------------------------


def _english_msgids() -> list[str]:
    """The English texts of our own pages, which must not show on a Welsh page."""
    ours = ("templates/", "accounts/forms", "accounts/views", "contacts/forms", "contacts/views")
    ours += ("contacts/presenters", "contacts/navigation")
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/cy/LC_MESSAGES/django.po"))
    texts = []
    for entry in catalogue:
        if not any(where.startswith(ours) for where, _line in entry.occurrences):
            continue
        for text in (entry.msgid, entry.msgid_plural):
            visible = re.sub(r"%\([a-z_]+\)s", "", text or "").strip(" .:,")
            if len(visible) >= 4 and visible not in entry.msgstr:
                texts.append(visible)
    return texts


def english_left_on(page) -> list[str]:
    # Words marked as another language (the switch's "English") are meant to be there.
    text = page.evaluate(
        """() => {
            const body = document.body.cloneNode(true);
            const own = document.documentElement.lang;
            body.querySelectorAll('[lang]').forEach(e => { if (e.lang !== own) e.remove(); });
            document.documentElement.appendChild(body);
            const text = body.innerText;
            body.remove();
            return text;
        }"""
    )
    return [
        english for english in _english_msgids() if re.search(rf"\b{re.escape(english)}\b", text)
    ]


def pages_to_check(world) -> list[tuple[str, object, str]]:
    """(name, who is signed in, address without the language prefix)."""
    return [
        ("sign-in", None, "sign-in/"),
        ("my-work", world.advisor, "my-work/"),
        ("my-work-filtered", world.advisor, "my-work/?channel=phone&sla_state=due_soon"),
        ("my-work-errors", world.advisor, "my-work/?channel=pigeon&received_from=2026-02-31"),
        ("team-queue", world.advisor, "team-queue/"),
        ("my-enquiries", world.councillor, "my-enquiries/"),
        ("case", world.advisor, f"cases/{world.mine_breached.reference}/"),
        ("forbidden", world.councillor, "my-work/"),
        ("not-found", world.advisor, "cases/CYS-1999-000001/"),
    ]


@pytest.mark.long
@pytest.mark.parametrize("language", ["cy", "en"])
def test_every_page_passes_axe_in_both_languages(browser, live_server, client, language):
    from accounts.models import Role
    from tests.factories import ServiceFactory, TeamFactory, UserFactory

    service = ServiceFactory(
        code="waste", name_en="Waste and recycling", name_cy="Gwastraff ac ailgylchu"
    )
    manager = UserFactory(role=Role.MANAGER, team=None, username="manager")
    team = TeamFactory(service=service, code="waste-team", manager=manager)
    advisor = UserFactory(role=Role.ADVISOR, team=team, username="advisor")
    world = build_world(service=service, team=team, advisor=advisor)
    found, english, refused = {}, {}, {}
    # One browser context per person, their pages one after another in one tab (signing the
    # next person in ends the last one's session); a context and tab for each page cost more
    # than the page. Each page's Content-Security-Policy reports are those that arrive while
    # it is the one open (or, late, while the next is).
    checked = pages_to_check(world)
    people = list(dict.fromkeys(user for _name, user, _address in checked))
    for person in people:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        reports = watch_csp(context)
        page = context.new_page()
        if person is not None:
            client.force_login(person)
            page.context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url,
                    }
                ]
            )
        theirs = [(name, address) for name, user, address in checked if user == person]
        shown = 0
        for name, address in theirs:
            # goto waits for "load": no page fetches its content later (htmx only on a timer).
            page.goto(f"/{language}/{address}")
            assert page.locator("html").get_attribute("lang") == language
            screenshot(page, f"{name}-{language}")
            violations = axe_violations(page)
            if violations:
                found[name] = violations
            if language == "cy" and (left := english_left_on(page)):
                english[name] = left
            refused[name] = reports[shown:]
            shown = len(reports)
        refused[theirs[-1][0]] += reports[shown:]  # any that came late, as the last closed
        context.close()

    # States a form reaches by being used: a refused sign-in, then signing out.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    refused["sign-in-and-out"] = watch_csp(context)
    page = context.new_page()
    page.goto(f"/{language}/sign-in/")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill("not-the-password")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_password").fill(PASSWORD)
    screenshot(page, f"sign-in-errors-{language}")
    states = {"sign-in-errors": axe_violations(page)}
    page.locator("button[type=submit]").click()
    page.locator(".app-header__sign-out-button").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, f"signed-out-{language}")
    states["signed-out"] = axe_violations(page)
    if language == "cy":
        english["signed-out"] = english_left_on(page)
    context.close()

    assert found == {}
    assert {name: violations for name, violations in states.items() if violations} == {}
    assert {name: texts for name, texts in refused.items() if texts} == {}
    assert {name: left for name, left in english.items() if left} == {}


def test_the_axe_check_does_find_violations(page):
    """The check above would pass vacuously if axe never ran: here it must object."""
    page.set_content('<html><body><img src="x.png"><a href="/"></a></body></html>')

    assert {violation["id"] for violation in axe_violations(page)} >= {
        "html-has-lang",
        "image-alt",
        "link-name",
    }
