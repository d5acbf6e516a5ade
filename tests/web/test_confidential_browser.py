"""What a manager named in a complaint reads, in a real Chromium, in Welsh and English: the
SLA dashboard and its drill-down, the monitoring sample and the print queue, none of which
names the complaint, its complainant or its summary; the complaints officer's print queue
holds its letter. axe-core's WCAG 2.2 AA check of each page, and screenshots in
$CYSWLLT_SCREENSHOTS/leaks/.

The clock is fixed at 09:00 on Thursday 2 April 2026, for the live server too.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from contacts.models import Case, Milestone
from performance.dashboards.live import sla_snapshot_take
from performance.monitoring.services import monitoring_sample_draw
from tests.confidential import COMPLAINANT, SUMMARY, complaint_cast, complaint_naming
from tests.factories import make_case
from tests.letters import ADDRESS, POSTCODE, letter_customer, printed_letter

from .conftest import SCREENSHOTS, axe_violations, screenshot
from .test_browser import heading

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOW = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
HEADINGS = {
    "en": ("SLA dashboard", "Breached now", "Letters to post"),
    "cy": ("Dangosfwrdd CLG", "Wedi'i dorri nawr", "Llythyrau i'w postio"),
}


@pytest.fixture(autouse=True)
def clock(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def council(service, team, advisor):
    """In the waste service: an enquiry and a complaint about the manager, both breached; a
    letter answering another complaint about them; March's sample, holding a third."""
    cast = complaint_cast(team)
    enquiry = make_case(service=service, received_at=NOW - timedelta(days=3), owner=advisor)
    open_complaint = complaint_naming(
        cast.manager,
        team=team,
        owner=cast.handler,
        recorded_by=cast.handler,
        received_at=NOW - timedelta(days=3),
    )
    for case, kind in ((enquiry, "acknowledge"), (open_complaint, "contact")):
        Milestone.objects.filter(case=case, kind=kind).update(
            state="breached", due_at=NOW - timedelta(days=1)
        )
    lettered = complaint_naming(
        cast.manager,
        team=team,
        channel="letter",
        details={"postal_address": ADDRESS, "postcode": POSTCODE},
        customer=letter_customer(name=COMPLAINANT),
        recorded_by=cast.handler,
        received_at=NOW - timedelta(hours=3),
    )
    printed_letter(lettered, at=NOW - timedelta(hours=2))
    sampled = complaint_naming(
        cast.manager,
        team=team,
        recorded_by=cast.handler,
        received_at=datetime(2026, 3, 3, tzinfo=UTC),
    )
    closed = make_case(service=service, received_at=datetime(2026, 3, 4, tzinfo=UTC))
    Case.objects.filter(pk__in=[sampled.pk, closed.pk]).update(
        status="closed", resolved_at=datetime(2026, 3, 20, tzinfo=UTC)
    )
    sample, _ = monitoring_sample_draw(
        service=service, month=date(2026, 3, 1), size=5, actor=None, now=NOW, seed=1
    )
    sla_snapshot_take(now=NOW)
    hidden = [open_complaint.reference, lettered.reference, sampled.reference]
    return cast, sample, hidden, lettered


def checked(page, name: str, hidden: list[str]) -> None:
    text = page.locator("main").inner_text()
    for secret in (*hidden, COMPLAINANT, SUMMARY):
        assert secret not in text, (name, secret)
    (SCREENSHOTS / "leaks").mkdir(parents=True, exist_ok=True)
    screenshot(page, f"leaks/{name}")
    assert axe_violations(page) == [], name


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_manager_named_in_complaints_reads_nothing_of_them(sign_in_browser, council, language):
    cast, sample, hidden, _lettered = council
    dashboard, breached, letters = HEADINGS[language]
    page = sign_in_browser(cast.manager)

    page.goto(f"/{language}/sla-dashboard/")
    assert heading(page) == dashboard
    checked(page, f"dashboard-named-{language}", hidden)
    with page.expect_navigation(url=f"**/{language}/sla-dashboard/cases/?bucket=breached"):
        page.locator(".app-sla-total").first.click()
    assert heading(page) == breached
    assert page.locator("table tbody th").count() == 1
    checked(page, f"dashboard-cases-named-{language}", hidden)

    page.goto(f"/{language}/monitoring/{sample.pk}/")
    assert page.locator("table tbody tr").count() == 1
    checked(page, f"monitoring-sample-named-{language}", hidden)

    page.goto(f"/{language}/letters/")
    assert heading(page) == letters
    checked(page, f"print-queue-named-{language}", hidden)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_complaints_officer_s_print_queue_holds_the_complaint_s_letter(
    sign_in_browser, council, language
):
    cast, _sample, _hidden, lettered = council
    page = sign_in_browser(cast.handler)

    page.goto(f"/{language}/letters/")
    assert lettered.reference in page.locator("main").inner_text()
    (SCREENSHOTS / "leaks").mkdir(parents=True, exist_ok=True)
    screenshot(page, f"leaks/print-queue-handler-{language}")
    assert axe_violations(page) == []
