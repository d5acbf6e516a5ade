"""Two-way with councillors in a real Chromium, in Welsh and in English (docs/adr/0036): a
councillor comments on planned works in their ward, the officer who owns the entry answers,
and the councillor reads the answer; a clerk attaches the minutes of their council's meeting
(a file of the wrong type refused first) and the ward's county councillor is sent a link and
reads them. axe-core's WCAG 2.2 AA check runs on every page. Screenshots land in
/tmp/ui/councillors/."""

import html
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from councillors.models import CommunityCouncil, MeetingPaper, Ward, WardEventRecord
from councillors.services import council_meeting_create, ward_event_create
from messaging.models import OutboundMessage, Purpose
from tests.councillors.conftest import member
from tests.member_messages import member_messages

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {
        "problem": "Mae problem",
        "empty": "Ysgrifennwch eich sylw.",
        "wrong": "Rhaid i cofnodion.html fod yn ffeil PDF",
    },
    "en": {
        "problem": "There is a problem",
        "empty": "Write your comment.",
        "wrong": "cofnodion.html must be a PDF, JPEG, PNG, TIFF",
    },
}
MINUTES = "Present: the members of the council.\nResolved: to ask for a bench.\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ward():
    """Llanfair ward and its councillor (Welsh, e-mail), and the clerk of its community
    council."""
    llanfair = Ward.objects.create(code="llanfair", name_en="Llanfair", name_cy="Llanfair")
    cllr_jones = member(
        "cllr-jones", Role.COUNCILLOR, preferred_language="cy", first_name="Huw", last_name="Jones"
    )
    llanfair.councillors.add(cllr_jones)
    council = CommunityCouncil.objects.create(
        code="llanfair-cc", name_en="Llanfair Community Council", name_cy="Cyngor Cymuned Llanfair"
    )
    council.wards.add(llanfair)
    clerk = member("clerk-llanfair", Role.CLERK, first_name="Helen")
    council.clerks.add(clerk)
    return llanfair, cllr_jones, council, clerk


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"councillors/{name}")


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_councillor_comments_on_planned_works_and_reads_the_officers_answer(
    sign_in_browser, page, advisor, ward, language
):
    llanfair, cllr_jones, _council, _clerk = ward
    words = WORDS[language]
    starts = timezone.now() + timedelta(days=3)
    works = ward_event_create(
        actor=advisor,
        wards=[llanfair],
        kind="planned_works",
        title_cy="Resurfacing Stryd Fawr",
        title_en="Resurfacing Stryd Fawr",
        location="Stryd Fawr, Llanfair",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        responsible="Highways – Gareth Lloyd",
        effect_cy="The road is closed; buses divert.",
        effect_en="The road is closed; buses divert.",
    )

    # The councillor opens the works from their calendar and comments (an empty one first).
    sign_in_browser(cllr_jones)
    page.goto(f"/{language}/my-calendar/")
    with page.expect_navigation():
        page.click(f"a[href='/{language}/my-calendar/{works.pk}/']")
    check(page, f"my-event-{language}")
    submit(page)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert words["problem"] in summary and words["empty"] in summary
    check(page, f"my-event-error-{language}")
    page.fill("#id_text", "The school buses use Stryd Fawr at 8:30: could work start at 9:15?")
    submit(page)
    assert "could work start at 9:15?" in page.locator("main").inner_text()
    check(page, f"my-event-commented-{language}")
    told = OutboundMessage.objects.get(purpose=Purpose.MEMBER_COMMENT)
    assert told.person == advisor and f"/members-calendar/{works.pk}/" in told.body

    # The officer who owns the entry reads the comment on its page and answers it.
    page.context.clear_cookies()
    sign_in_browser(advisor)
    page.goto(f"/{language}/members-calendar/{works.pk}/")
    assert "could work start at 9:15?" in page.locator("main").inner_text()
    comment = WardEventRecord.objects.get(kind="comment")
    answer_button = page.locator(f"form:has(#answer-{comment.pk}) button[type=submit]")
    with page.expect_navigation():
        answer_button.click()  # an empty answer is refused on the same page
    assert words["problem"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"event-answer-error-{language}")
    page.fill(f"#answer-{comment.pk}", "Yes: the crew will start at 9:15 on school days.")
    with page.expect_navigation():
        answer_button.click()
    check(page, f"event-answered-{language}")
    answer = WardEventRecord.objects.get(kind="answer")
    assert answer.in_reply_to == comment
    assert (
        member_messages()
        .filter(person=cllr_jones, key=f"ward-event-answer:{answer.pk}:user:{cllr_jones.pk}")
        .exists()
    )

    # The councillor reads the answer under their comment.
    page.context.clear_cookies()
    sign_in_browser(cllr_jones)
    page.goto(f"/{language}/my-calendar/{works.pk}/")
    history = page.locator("main ol").inner_text()
    assert history.index("could work start at 9:15?") < history.index("the crew will start")
    check(page, f"my-event-answered-{language}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_clerk_attaches_minutes_and_the_wards_councillor_reads_them(
    sign_in_browser, page, ward, language
):
    _llanfair, cllr_jones, council, clerk = ward
    words = WORDS[language]
    meeting = council_meeting_create(
        clerk=clerk, council=council, held_on=date(2026, 5, 11), title="Monthly meeting"
    )

    sign_in_browser(clerk)
    page.goto(f"/{language}/council-meetings/")
    check(page, f"meetings-clerk-{language}")
    page.goto(f"/{language}/council-meetings/new/")
    check(page, f"meeting-new-{language}")
    page.goto(f"/{language}/council-meetings/{meeting.pk}/")
    check(page, f"meeting-clerk-{language}")
    with page.expect_navigation():
        page.click(f"a[href='/{language}/council-meetings/{meeting.pk}/papers/']")
    check(page, f"meeting-paper-add-{language}")
    # A web page renamed as minutes is refused, and nothing is stored or sent.
    page.check("input[name=kind][value=minutes]")
    page.set_input_files(
        "#id_file",
        files=[{"name": "cofnodion.html", "mimeType": "text/html", "buffer": b"<html></html>"}],
    )
    submit(page)
    assert words["wrong"] in html.unescape(page.locator(".govuk-error-summary").inner_text())
    check(page, f"meeting-paper-refused-{language}")
    assert not MeetingPaper.objects.exists() and not member_messages().exists()
    page.check("input[name=kind][value=minutes]")
    page.set_input_files(
        "#id_file",
        files=[{"name": "Cofnodion Mai.txt", "mimeType": "text/plain", "buffer": MINUTES.encode()}],
    )
    submit(page)
    paper = MeetingPaper.objects.get()
    assert "Cofnodion Mai.txt" in page.locator("main").inner_text()
    check(page, f"meeting-with-minutes-{language}")

    # The ward's county councillor is sent a link, in Welsh, and reads the minutes.
    sent = member_messages().get(person=cllr_jones)
    assert sent.key == f"meeting-paper:{paper.pk}:user:{cllr_jones.pk}"
    assert f"/cy/council-meetings/{meeting.pk}/" in sent.body
    page.context.clear_cookies()
    sign_in_browser(cllr_jones)
    page.goto(f"/{language}/council-meetings/")
    check(page, f"meetings-councillor-{language}")
    page.goto(f"/{language}/council-meetings/{meeting.pk}/")
    check(page, f"meeting-councillor-{language}")
    assert page.locator(f"a[href='/{language}/council-meetings/{meeting.pk}/papers/']").count() == 0
    download = page.request.get(
        page.locator("main table a").first.get_attribute("href") or "missing"
    )
    assert download.status == 200 and download.body() == MINUTES.encode()
