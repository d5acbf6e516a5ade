"""Every page at a phone's width and a desktop's, in both languages, on the demo's data: the page
never scrolls sideways (a wide table scrolls inside its own region), no column header is cut
off, and a Welsh page shows no English.

Screenshots of the narrow pages land in /tmp/ui/ (CYSWLLT_SCREENSHOTS) for a person to look at.
"""

import io
import re
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User
from standards.models import Standard

from .conftest import screenshot, watch_csp
from .staff_pages import Page, demo_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: A small phone (iPhone SE and most Android phones are 360-390 px), a laptop, a wide screen.
#: 320 px is the width WCAG's reflow criterion (1.4.10) asks for.
WIDTHS = (320, 375, 1280, 1920)

#: Measured in the page: how far it scrolls sideways; the column headers a reader cannot see
#: whole, cut by their own cell, by a box that hides what overflows it (MoJ's filter layout
#: scrolls its content, but with no way to reach it from the keyboard) or by the window,
#: unless they are in a table's own scrolling region (``.app-table-scroll``, which a keyboard
#: reaches and a screen reader names); the case lists that need that region's scrolling (on
#: a desktop they must not: an advisor works from them all day); and whether the language
#: switch breaks over two lines.
MEASURE = """() => {
    const width = window.innerWidth;
    const hidden = (element) => {
        for (let e = element; e && e !== document.body; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.clipPath !== 'none' || style.clip.startsWith('rect')) return true;
        }
        return false;
    };
    const cut = (th) => {
        const box = th.getBoundingClientRect();
        if (th.scrollWidth > th.clientWidth + 1) return true;
        for (let e = th.parentElement; e && e !== document.body; e = e.parentElement) {
            if (e.matches('.app-table-scroll')) return false;
            if (getComputedStyle(e).overflowX === 'visible') continue;
            const edge = e.getBoundingClientRect();
            if (box.right > edge.right + 1 || box.left < edge.left - 1) return true;
        }
        return box.right > width + 1 || box.left < -1;
    };
    const clipped = [...document.querySelectorAll('th')]
        .filter(th => th.getClientRects().length && !hidden(th) && cut(th))
        .map(th => th.innerText.trim().slice(0, 40));
    return {
        overflow: document.documentElement.scrollWidth - width,
        clipped,
        queuesScrolling: [...document.querySelectorAll('.app-table-scroll')]
            .filter(region => region.querySelector('.app-queue-table')
                && region.scrollWidth > region.clientWidth + 1)
            .map(region => region.querySelector('caption, table').textContent.trim()),
        switchWraps: new Set([...document.querySelectorAll('.app-language-switch__item')]
            .map(item => Math.round(item.getBoundingClientRect().top))).size > 1,
        wider: [...document.body.querySelectorAll('*')]
            .filter(e => !e.closest('.app-table-scroll') && !hidden(e)
                && e.getBoundingClientRect().right > width + 1)
            .slice(-3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')),
    };
}"""


#: English a Welsh page must not show: the words of the staff pages' own furniture (headings,
#: buttons, column names, states). A Welsh page may still hold English where English is right:
#: text marked with another language (the switch's "English") and what is set aside below.
# Not "Print": Welsh has it too (print bras, large print).
ENGLISH_WORDS = (
    "Search",
    "Save",
    "Cancel",
    "Received",
    "Status",
    "Team",
    "Case",
    "Cases",
    "Customer",
    "Sign out",
    "Sign in",
    "Back",
    "Next",
    "Previous",
    "Open",
    "Closed",
    "Due",
    "Overdue",
    "Service",
    "Owner",
    "Reference",
    "Channel",
    "Kind",
    "Summary",
    "Details",
    "Continue",
    "Submit",
    "Change",
    "Filter",
    "Apply filters",
    "Show",
    "Hide",
    "Menu",
    "Language",
    "Time left",
    "Resolved",
    "Breached",
    "Due soon",
    "On track",
    "Nobody",
    "Received from",
    "Standard",
    "Month",
    "Total",
    "Download",
    "Letters",
    "Reception",
    "Complaints",
    "Compliments",
    "Feedback",
    "Dashboard",
    "Monitoring",
    "Results",
    "Enquiry",
    "Enquiries",
    "Calendar",
    "Meetings",
    "Documents",
    "Phone",
    "Email",
    "E-mail",
    "Letter",
    "Visit",
    "Webform",
    "Today",
    "Yesterday",
    "working days",
    "hours",
    "minutes",
    "the",
    "your",
    "and",
    "with",
    "this",
)
# Any case: "case", "Case" and "CASE" are all English.
ENGLISH = re.compile(
    r"\b(" + "|".join(re.escape(word) for word in ENGLISH_WORDS) + r")\b", re.IGNORECASE
)

#: English that is right on a Welsh page: names, and what is the same in both languages.
ALLOWED_EVERYWHERE: tuple[str, ...] = ("Google Calendar",)  # a product's name

#: English a page rightly shows: what people wrote or uploaded, by page.
ALLOWED: dict[str, tuple[str, ...]] = {
    "council-meeting": ("Cofnodion - Minutes.txt",),  # a paper's file name, as uploaded
}

#: The text of a page a reader meets: its title, what it shows, and the names given to
#: assistive technology (aria-label), leaving out what is marked as in another language.
READ = """() => {
    const own = document.documentElement.lang;
    const foreign = (e) => e.closest('[lang]') && e.closest('[lang]').lang !== own;
    const body = document.body.cloneNode(true);
    body.querySelectorAll('[lang]').forEach(e => { if (e.lang !== own) e.remove(); });
    document.documentElement.appendChild(body);
    const text = body.innerText;
    body.remove();
    const labels = [...document.querySelectorAll('[aria-label]')]
        .filter(e => !foreign(e)).map(e => e.getAttribute('aria-label'));
    return [document.title, text, ...labels].join('\\n');
}"""


def codes_shown() -> re.Pattern[str]:
    """The catalogue's codes (EMAIL_DEPARTMENT, WEBFORM…): internal, in no language, so shown
    on no page (issue 20, item 7)."""
    codes = sorted(Standard.objects.values_list("code", flat=True), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, codes)) + r")\b")


def english_on(tab: Any, name: str, codes: re.Pattern[str] | None = None) -> list[str]:
    text = tab.evaluate(READ)
    for phrase in ALLOWED_EVERYWHERE + ALLOWED.get(name, ()):
        text = text.replace(phrase, "")
    found = []
    for line in text.splitlines():
        for pattern in (ENGLISH, codes) if codes else (ENGLISH,):
            for match in pattern.finditer(line):
                found.append(f"{match.group(0)!r} in {line.strip()[:80]!r}")
    return found


def open_page(context: Any, page: Page, language: str, response_codes: dict[str, int]) -> Any:
    """``page`` in the person's one tab, opened at the narrowest width as a phone opens it (a
    tab of its own for each page cost a third of the test's time, and a page loaded anew
    keeps nothing of the one before)."""
    tab = context.pages[0] if context.pages else context.new_page()
    tab.set_viewport_size({"width": WIDTHS[0], "height": 800})
    response = tab.goto(f"/{language}/{page.address}")
    response_codes[page.name] = response.status if response else 0
    if page.search:
        tab.locator("#id_q").fill(page.search)
        with tab.expect_navigation(url=re.compile(r"/search/\?s=")):
            tab.locator("#id_q").press("Enter")
    # No page loads its content after "load" (htmx here only refreshes on a timer), and
    # "networkidle" waited half a second more on each of the pages, twice per run.
    return tab


def contexts_by_user(browser: Any, live_server: Any, client: Any, refused: dict) -> Any:
    """One browser context per person, signed in as them (residents' pages: none)."""
    contexts: dict[str | None, Any] = {}

    def context_for(username: str | None) -> Any:
        if username not in contexts:
            context = browser.new_context(
                base_url=live_server.url, viewport={"width": WIDTHS[0], "height": 800}
            )
            context.set_default_timeout(15_000)
            refused[username] = watch_csp(context)
            if username is not None:
                client.force_login(User.objects.get(username=username))
                context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                            "url": live_server.url,
                        }
                    ]
                )
            contexts[username] = context
        return contexts[username]

    return context_for, contexts


@pytest.mark.long
@pytest.mark.parametrize("language", ["cy", "en"])
def test_every_page_fits_from_a_phone_to_a_wide_screen(browser, live_server, client, language):
    call_command("seed_demo", allow_server_database=True, stdout=io.StringIO())
    refused: dict[str | None, list[str]] = {}
    context_for, contexts = contexts_by_user(browser, live_server, client, refused)
    codes: dict[str, int] = {}
    problems: dict[str, Any] = {}
    english: dict[str, list[str]] = {}
    catalogue_codes = codes_shown()
    # One person's pages together: signing the next person in ends the last one's session.
    for page in sorted(demo_pages(), key=lambda page: page.user or ""):
        tab = open_page(context_for(page.user), page, language, codes)
        if language == "cy" and (left := english_on(tab, page.name, catalogue_codes)):
            english[page.name] = left
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 800})
            found = tab.evaluate(MEASURE)
            desktop = width >= 1280
            if (
                found["overflow"] > 0
                or found["clipped"]
                or found["switchWraps"]
                or (desktop and found["queuesScrolling"])
            ):
                problems[f"{page.name} at {width} px"] = found
            if width in (375, 1280):
                screenshot(tab, f"{page.name}-{width}-{language}")
    for context in contexts.values():
        context.close()

    assert {name: code for name, code in codes.items() if code != 200} == {}
    assert {user: texts for user, texts in refused.items() if texts} == {}
    failures = [f"  {where}: {found}" for where, found in problems.items()]
    failures += [f"  {name}: English {', '.join(found)}" for name, found in english.items()]
    if failures:
        pytest.fail(
            "Pages wider than the window, with a column header cut off, or English on a Welsh "
            "page:\n" + "\n".join(failures)
        )


def test_the_checks_do_find_a_wide_page_a_cut_header_and_english(page):
    """The checks above would pass vacuously if they measured nothing: here they must object."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.set_content(
        '<html lang="cy"><head><title>Chwilio</title></head><body>'
        '<p>Canlyniadau <span lang="en">English</span></p><button aria-label="Save">x</button>'
        '<table><tr><th style="display:block;width:20px;overflow:hidden;white-space:nowrap">'
        "Derbyniwyd ddoe</th></tr></table>"
        '<div style="width:600px">Status</div></body></html>'
    )

    found = page.evaluate(MEASURE)

    assert found["overflow"] > 0
    assert found["clipped"] == ["Derbyniwyd ddoe"]
    assert [text.split()[0] for text in english_on(page, "none")] == ["'Status'", "'Save'"]
