"""Fixtures of the staff pages' tests: a small council's queues, and a real Chromium.

The root ``conftest`` gives the waste service, its team (managed by ``manager``) and
``advisor``. ``world`` adds a colleague, a highways advisor, a councillor and these cases, all
received in the last few hours so that "time left" has a known answer whatever the date:

===============  ========  =======  ==========  =========  ========  ============================
case             service   channel  kind        owner      status    next deadline (state)
===============  ========  =======  ==========  =========  ========  ============================
mine_breached    waste     email    enquiry     advisor    new       ack, 90 min ago (breached)
mine_due_soon    waste     phone    service rq  advisor    new       ack, in 3 h 30 (due soon)
mine_compliment  waste     webform  compliment  advisor    new       none
team_letter      waste     letter   enquiry     -          new       respond (on track)
team_resolved    waste     visit    enquiry     -          resolved  none (met)
colleagues       waste     email    enquiry     colleague  new       ack (on track)
highways         highways  social   enquiry     h-advisor  new       respond (on track)
enquiry          waste     email    councillor  -          new       submitted by the councillor
===============  ========  =======  ==========  =========  ========  ============================
"""

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from accounts.models import Role, User
from contacts.models import Case, Customer, Milestone
from contacts.services import case_resolve
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

PASSWORD = "pass-Word-123"  # the factories' password

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BUILT_CSS = Path(settings.BASE_DIR) / "static" / "dist" / "app.css"
SCREENSHOTS = Path(os.environ.get("CYSWLLT_SCREENSHOTS", "/tmp/ui"))
#: Screenshots are for a person to look at; CI keeps none, and a full-page PNG of every page at
#: two widths in two languages cost a third of the widths test. CYSWLLT_SCREENSHOTS names a
#: folder to take them on CI too; "off" skips them anywhere.
TAKE_SCREENSHOTS = os.environ.get("CYSWLLT_SCREENSHOTS") != "off" and (
    "CYSWLLT_SCREENSHOTS" in os.environ or os.environ.get("CI", "").lower() not in {"true", "1"}
)
#: WCAG 2.2 AA, as the public-sector accessibility regulations require.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The factories hash a password for every user; PBKDF2 would cost a second per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass(frozen=True)
class World:
    now: datetime
    advisor: User
    colleague: User
    manager: User
    highways_advisor: User
    councillor: User
    mine_breached: Case
    mine_due_soon: Case
    mine_compliment: Case
    team_letter: Case
    team_resolved: Case
    colleagues: Case
    highways: Case
    enquiry: Case


def set_milestone(case: Case, kind: str, **fields: Any) -> None:
    Milestone.objects.filter(case=case, kind=kind).update(**fields)


def build_world(*, service, team, advisor) -> World:
    now = timezone.now()

    def hours_ago(hours: int) -> datetime:
        return now - timedelta(hours=hours)

    colleague = UserFactory(role=Role.ADVISOR, team=team, username="colleague")
    highways = ServiceFactory(code="highways", name_en="Highways", name_cy="Priffyrdd")
    highways_team = TeamFactory(service=highways, code="highways-team")
    highways_advisor = UserFactory(
        role=Role.ADVISOR, team=highways_team, username="highways-advisor"
    )
    councillor = UserFactory(
        role=Role.COUNCILLOR, team=None, username="cllr-jones", first_name="Huw"
    )

    mine_breached = make_case(
        service=service,
        received_at=hours_ago(6),
        owner=advisor,
        customer=Customer(name="Gwenllian Parry", preferred_language="cy"),
    )
    set_milestone(
        mine_breached, "acknowledge", due_at=now - timedelta(minutes=90), state="breached"
    )
    mine_due_soon = make_case(
        service=service,
        channel="phone",
        kind="service_request",
        details={"contact_type": "voicemail", "caller_number": "01824 706000"},
        received_at=hours_ago(5),
        owner=advisor,
        customer=Customer(name="John Davies", preferred_language="en"),
    )
    set_milestone(
        mine_due_soon,
        "acknowledge",
        due_at=now + timedelta(hours=3, minutes=30),
        state="due_soon",
    )
    mine_compliment = make_case(
        service=service,
        channel="webform",
        kind="compliment",
        details={"form": "compliment"},
        received_at=hours_ago(4),
        owner=advisor,
    )
    team_letter = make_case(
        service=service,
        channel="letter",
        # Not a complaint: advisors do not see those (complaints/access.py).
        kind="enquiry",
        details={"postal_address": "1 Stryd Fawr, Rhuthun"},
        received_at=hours_ago(3),
        team=team,
        customer=Customer(name="Elin Morgan"),
    )
    team_resolved = make_case(
        service=service,
        channel="visit",
        details={"contact_type": "reception"},
        received_at=hours_ago(2),
        team=team,
    )
    case_resolve(case=team_resolved, actor=advisor, at=hours_ago(1), now=hours_ago(1))
    colleagues = make_case(service=service, received_at=hours_ago(7), owner=colleague)
    highways_case = make_case(
        service=highways,
        channel="social",
        details={"platform": "facebook", "handle": "@resident"},
        received_at=hours_ago(8),
        owner=highways_advisor,
    )
    enquiry = make_case(
        service=service,
        kind="councillor_enquiry",
        received_at=hours_ago(9),
        submitted_by=councillor,
        actor=councillor,  # raised on their own form, as ``enquiry_submit`` does
    )
    return World(
        now=now,
        advisor=advisor,
        colleague=colleague,
        manager=team.manager,
        highways_advisor=highways_advisor,
        councillor=councillor,
        mine_breached=mine_breached,
        mine_due_soon=mine_due_soon,
        mine_compliment=mine_compliment,
        team_letter=team_letter,
        team_resolved=team_resolved,
        colleagues=colleagues,
        highways=highways_case,
        enquiry=enquiry,
    )


@pytest.fixture
def world(service, team, advisor) -> World:
    return build_world(service=service, team=team, advisor=advisor)


@pytest.fixture
def signed_in(client) -> Any:
    """``signed_in(user)``: the test client, signed in as ``user``."""

    def sign_in(user: User) -> Client:
        client.force_login(user)
        return client

    return sign_in


# --- The browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(django_db_setup) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (Playwright's own browser downloads are never
    used).

    Playwright's synchronous API keeps an event loop running in this thread, which Django
    takes for async code: it refuses database access, and keeps the thread's database
    connections per async context rather than per thread. The tests are plain synchronous
    code, so while the browser is open the refusal is lifted, and the connection they get
    is handed the database contents the test run serialized at set-up, which Django restores
    after each transactional test (the catalogue the migrations loaded).
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does).")
    if not BUILT_CSS.exists():
        pytest.fail("static/dist/ is not built: run npm ci && npm run build (scripts/test does).")
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


#: Reports each Content-Security-Policy violation to the test (``watch_csp``), before any
#: script of the page runs.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => window.__cspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    + (event.sample ? ` (${event.sample})` : '')));
"""


def watch_csp(context: Any) -> list[str]:
    """The Content-Security-Policy violations of every page of ``context``, as the browser
    reports them (the page's ``securitypolicyviolation`` events, and console errors for what
    is refused before any script runs): a browser test fails on any (ADR 0028)."""
    violations: list[str] = []
    context.expose_binding("__cspViolation", lambda _source, text: violations.append(text))
    context.add_init_script(CSP_LISTENER)

    def console(message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(message.text)

    context.on("console", console)
    return violations


def assert_no_csp_violations(violations: list[str]) -> None:
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations))


@pytest.fixture
def page(browser, live_server) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    violations = watch_csp(context)
    page = context.new_page()
    yield page
    context.close()
    assert_no_csp_violations(violations)


@pytest.fixture
def sign_in_browser(page, live_server, client) -> Any:
    """``sign_in_browser(user)``: the browser carries a session of ``user`` (made by the test
    client, which is quicker than typing; one test signs in through the form)."""

    def sign_in(user: User) -> Any:
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return sign_in


def search_in_browser(page: Any, language: str, words: str) -> None:
    """Search as a person does: type into the box and press Enter; the results' address holds
    a key to the words, not the words (ADR 0028)."""
    page.goto(f"/{language}/search/")
    page.locator("#id_q").fill(words)
    with page.expect_navigation(url=re.compile(r"/search/\?s=")):
        page.locator("#id_q").press("Enter")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """What axe-core finds against WCAG 2.2 AA on the page as it stands.

    One finding is set aside: GOV.UK Frontend's conditional reveal marks each radio that
    reveals questions with ``aria-expanded``, which ARIA does not list for a radio. The Design
    System keeps it on purpose, for the screen readers that announce it (a known issue:
    alphagov/govuk-frontend#979). Only a radio's ``aria-expanded`` is set aside; any other
    attribute, or element, still fails."""
    # Evaluated by the browser's debugging protocol, which the page's Content-Security-Policy
    # does not govern (a <script> tag added to the page would be refused, rightly).
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            const disallowed = n => n.all.concat(n.any, n.none)
                .flatMap(c => [].concat(c.data?.values ?? [])).map(String);
            const revealing = (v, n) => v.id === 'aria-allowed-attr'
                && n.html.startsWith('<input') && n.html.includes('type="radio"')
                && disallowed(n).length > 0
                && disallowed(n).every(attribute => attribute.startsWith('aria-expanded='));
            return results.violations
                .map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.filter(n => !revealing(v, n)).map(n => n.target.join(' ')),
                }))
                .filter(v => v.nodes.length);
        }""",
        WCAG_TAGS,
    )
    return result


def screenshot(page: Any, name: str) -> Path:
    path = SCREENSHOTS / f"{name}.png"
    if TAKE_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
    return path
