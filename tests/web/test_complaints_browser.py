"""A complaints officer in a real Chromium, in Welsh and in English: record a logged complaint,
take it through stage 1, escalate it, extend it, close it with an outcome, and produce the
quarterly report; record a compliment and see feedback and the public "You said, we did"
page. axe-core's WCAG 2.2 AA check on every page (and an error state); screenshots land in
/tmp/ui/complaints/ (CYSWLLT_SCREENSHOTS)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from complaints.models import Complaint, Compliment
from messaging.models import OutboundMessage
from standards.selectors import working_calendar
from tests.factories import CustomerFactory, UserFactory, make_case

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {"success": "Llwyddiant", "error": "Mae problem", "report": "Cwynion a ddaeth i law"},
    "en": {"success": "Success", "error": "There is a problem", "report": "Complaints received"},
}


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"complaints/{name}")


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_complaint_from_receipt_to_the_quarterly_report(
    sign_in_browser, service, team, advisor, language
):
    now = timezone.now()
    officer = UserFactory(
        role=Role.COMPLAINTS_OFFICER, team=team, username="complaints", first_name="Catrin"
    )
    case = make_case(
        service=service,
        kind="complaint",
        customer=CustomerFactory(name="Elin Morgan", email="elin@example.com"),
        received_at=now - timedelta(hours=2),
        now=now,
    )
    words = WORDS[language]
    page = sign_in_browser(officer)

    page.goto(f"/{language}/complaints/")
    check(page, f"register-to-record-{language}")

    # Record it: first with nothing filled in.
    page.goto(f"/{language}/complaints/{case.reference}/record/")
    submit(page)
    assert words["error"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"record-error-{language}")
    page.select_option("#id_category", label="Waste" if language == "en" else "Gwastraff")
    page.fill("#id_events_on", (timezone.localdate() - timedelta(days=3)).isoformat())
    page.locator("input[name=officers]").first.check()
    submit(page)
    page.wait_for_url(f"**/complaints/{case.reference}/")
    complaint = Complaint.objects.get(case=case)
    assert list(complaint.officers_complained_about.all()) != []
    check(page, f"complaint-stage1-{language}")

    base = f"/{language}/complaints/{case.reference}/"
    page.goto(base + "escalate/")
    check(page, f"escalate-{language}")
    page.fill("#id_reason", "The complainant is not satisfied with the stage 1 reply.")
    submit(page)
    page.wait_for_url(f"**{base}")
    assert words["success"] in page.locator(".govuk-notification-banner").inner_text()

    respond = case.milestones.get(kind="respond")
    calendar = working_calendar()
    new_day = calendar.add_working_days(timezone.localdate(respond.due_at), 5)
    page.goto(base + "extend/")
    check(page, f"extend-{language}")
    page.fill("#id_new_due_on", new_day.isoformat())
    page.fill("#id_reason", "Waiting for the crew's report.")
    submit(page)
    page.wait_for_url(f"**{base}")
    assert OutboundMessage.objects.filter(case=case, purpose="extension").exists()

    page.goto(base + "close/")
    check(page, f"close-{language}")
    page.check("#id_outcome-2")  # partly upheld
    page.fill("#id_final_response", "We are sorry that your bin was missed.")
    page.fill("#id_lessons_learned", "Crews to record assisted collections.")
    submit(page)
    page.wait_for_url(f"**{base}")
    complaint.refresh_from_db()
    assert complaint.outcome == "partly_upheld"
    check(page, f"complaint-closed-{language}")

    page.goto(f"/{language}/complaints/report/")
    assert words["report"] in page.locator("main").inner_text()
    check(page, f"report-{language}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_compliments_feedback_and_you_said_we_did(
    sign_in_browser, service, team, advisor, language
):
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="complaints")
    page = sign_in_browser(officer)

    page.goto(f"/{language}/complaints/compliments/new/")
    check(page, f"compliment-new-{language}")
    page.select_option("#id_officer", value=str(advisor.pk))
    page.select_option("#id_channel", value="email")
    page.fill("#id_text", "Diolch yn fawr / Thank you so much")
    submit(page)
    page.wait_for_url("**/complaints/compliments/")
    assert Compliment.objects.get().officer == advisor
    check(page, f"compliments-{language}")

    page.goto(f"/{language}/complaints/feedback/")
    check(page, f"feedback-{language}")
    page.goto(f"/{language}/you-said-we-did/")
    check(page, f"you-said-we-did-{language}")
