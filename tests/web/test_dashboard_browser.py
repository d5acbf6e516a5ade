"""The managers' pages in a real Chromium, in Welsh and English: the SLA dashboard (reached
from the navigation, refreshing itself, each number leading to its cases), the standards
evaluation with its charts, random monitoring (drawing and scoring a sample with the keyboard
and mouse) and the public satisfaction question; axe-core's WCAG 2.2 AA check of each, and
screenshots in /tmp/ui/standards/.

The clock is fixed at 12:00 on Friday 1 May 2026 for the live server too (it runs in this
process); the hand-counted March of ``tests/standards/evaluation_fixture`` is the data.
"""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from contacts.models import Milestone
from contacts.satisfaction_links import satisfaction_token
from performance.dashboards.daily import daily_stats_refresh
from performance.dashboards.live import sla_snapshot_take
from tests.performance.evaluation_fixture import NOW, build_month

from .conftest import SCREENSHOTS, axe_violations, screenshot
from .test_browser import _english_msgids, heading

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = "performance/"
WORDS = {
    "en": {
        "dashboard": "SLA dashboard",
        "performance": "Performance",
        "breached": "Breached now",
        "evaluation": "Standards evaluation",
        "monitoring": "Random monitoring",
        "monitoring_nav": "Monitoring",
        "draw": "Draw the sample",
        "save": "Save scores",
        "problem": "There is a problem",
        "question": "Were you satisfied with how we dealt with your contact?",
        "yes": "Yes, I was satisfied",
        "thanks": "Thank you for your answer",
    },
    "cy": {
        "dashboard": "Dangosfwrdd CLG",
        "performance": "Perfformiad",
        "breached": "Wedi'i dorri nawr",
        "evaluation": "Gwerthuso'r safonau",
        "monitoring": "Monitro ar hap",
        "monitoring_nav": "Monitro",
        "draw": "Tynnu'r sampl",
        "save": "Cadw'r sgoriau",
        "problem": "Mae problem",
        "question": "Oeddech chi'n fodlon â'r ffordd y deliwyd â'ch cyswllt?",
        "yes": "Oeddwn, roeddwn i'n fodlon",
        "thanks": "Diolch am eich ateb",
    },
}


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def month(service, advisor):
    built = build_month(service=service, advisor=advisor)
    # C's response is overdue: the dashboard's one breach.
    Milestone.objects.filter(case=built.c, kind="respond").update(due_at=NOW - timedelta(days=1))
    daily_stats_refresh(first_day=date(2026, 3, 1), last_day=date(2026, 3, 31), now=NOW)
    sla_snapshot_take(now=NOW)
    return built


def assert_accessible(page, name: str) -> None:
    (SCREENSHOTS / SHOTS).mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS + name)
    assert axe_violations(page) == [], name


def welsh_only(page) -> list[str]:
    """English left in the page's main part (the navigation holds other teams' items)."""
    text = page.locator("main").inner_text()
    return [
        english for english in _english_msgids() if re.search(rf"\b{re.escape(english)}\b", text)
    ]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_manager_follows_the_dashboard_to_the_cases_and_reads_the_evaluation(
    sign_in_browser, team, month, language
):
    words = WORDS[language]
    page = sign_in_browser(team.manager)
    page.goto(f"/{language}/my-work/")
    with page.expect_navigation(url=f"**/{language}/sla-dashboard/"):
        page.get_by_role("link", name=words["performance"], exact=True).click()
    assert heading(page) == words["dashboard"]
    current = page.locator(".moj-sub-navigation__link[aria-current=page]")
    assert current.inner_text() == words["dashboard"]
    assert_accessible(page, f"dashboard-{language}")
    if language == "cy":
        assert welsh_only(page) == []

    # The board refreshes itself in place (htmx), keeping the page.
    with page.expect_response(
        lambda r: "/sla-dashboard/" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.locator("#sla-board").wait_for()

    # Each number is a link to its cases.
    with page.expect_navigation(url=f"**/{language}/sla-dashboard/cases/?bucket=breached"):
        page.locator(".app-sla-total").first.click()
    assert heading(page) == words["breached"]
    assert page.locator("table tbody th").all_inner_texts() == [month.c.reference]
    assert_accessible(page, f"dashboard-cases-{language}")

    page.goto(f"/{language}/standards-evaluation/?first=2026-03-01&last=2026-03-31&grain=month")
    assert heading(page) == words["evaluation"]
    assert page.locator("table.charts-css").count() >= 3
    assert_accessible(page, f"evaluation-{language}")
    if language == "cy":
        assert welsh_only(page) == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_drawing_and_scoring_a_monthly_sample(sign_in_browser, team, service, month, language):
    words = WORDS[language]
    page = sign_in_browser(team.manager)
    page.goto(f"/{language}/monitoring/")
    assert heading(page) == words["monitoring"]
    assert_accessible(page, f"monitoring-{language}")

    page.locator("#id_month").fill("2026-03")
    page.locator("#id_size").fill("0")
    page.get_by_role("button", name=words["draw"]).click()
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, f"monitoring-error-{language}")

    page.locator("#id_service").select_option(str(service.pk))
    page.locator("#id_month").fill("2026-03")
    page.locator("#id_size").fill("2")
    with page.expect_navigation():
        page.get_by_role("button", name=words["draw"]).click()
    assert_accessible(page, f"monitoring-sample-{language}")

    with page.expect_navigation():
        page.locator("table tbody th a").first.click()
    # Leaving every answer out: one error per behaviour, linked to its first radio.
    page.get_by_role("button", name=words["save"]).click()
    summary = page.locator(".govuk-error-summary")
    assert words["problem"] in summary.inner_text()
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.type") == "radio"
    assert_accessible(page, f"monitoring-check-error-{language}")
    for group in page.locator("fieldset").all():
        group.locator("input[type=radio]").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name=words["save"]).click()
    assert page.locator(".govuk-tag--green").count() == 1


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_satisfaction_question_in_one_click(page, month, language):
    words = WORDS[language]
    page.goto(f"/{language}/satisfaction/{satisfaction_token(month.a.pk)}/")
    assert heading(page) == words["question"]
    assert_accessible(page, f"satisfaction-{language}")
    with page.expect_navigation():
        page.get_by_role("button", name=words["yes"]).click()
    assert heading(page) == words["thanks"]
    assert_accessible(page, f"satisfaction-thanks-{language}")
