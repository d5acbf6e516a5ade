"""Web change requests and emergency information through the one case seam: which milestones
each owes, when their clocks start, and what publishing a page does. Times hand-worked in GMT
(UTC+0): Monday 2 March 2026 onwards, closing time 17:00."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.errors import ServiceError
from contacts.models import Case, CaseEvent, CaseStatus, EventKind, Milestone
from contacts.sla import sla_sweep
from performance.dashboards.live import sla_snapshot_take
from performance.models import SlaSnapshot
from publishing.models import PublicationRequest
from publishing.selectors import emergency_report, web_queue
from publishing.services import page_publish
from standards.models import Standard, Target
from standards.selectors import case_rules_forget
from tests.sla_alerts import milestone_alerts

from .conftest import MONDAY_10

pytestmark = pytest.mark.django_db


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def milestones(case: Case) -> dict[str, tuple]:
    return {
        m.kind: (m.starts_at, m.due_at, m.state, m.met_at)
        for m in Milestone.objects.filter(case=case)
    }


def state(case: Case) -> tuple:
    case.refresh_from_db()
    request = PublicationRequest.objects.get(case=case)
    return (
        case.status,
        milestones(case),
        CaseEvent.objects.filter(case=case).count(),
        request.english_url,
        request.welsh_url,
    )


def test_a_change_dated_ahead_is_due_two_working_days_after_it_in_both_languages(
    request_change, web_team, service
):
    case = request_change(takes_place_on=date(2026, 3, 9))

    # Monday 9 March is day 0: due by closing time on Wednesday 11 March.
    assert milestones(case) == {
        "publish": (utc(2026, 3, 9), utc(2026, 3, 11, 17), "pending", None),
        "welsh_version": (utc(2026, 3, 9), utc(2026, 3, 11, 17), "pending", None),
    }
    assert (case.kind, case.team, case.service, case.standard.code) == (
        "web_content_change",
        web_team,
        web_team.service,
        "WEBSITE_CHANGE",
    )
    request = PublicationRequest.objects.get(case=case)
    assert (request.page, request.takes_place_on, request.requested_by) == (
        "Bin collection days",
        date(2026, 3, 9),
        service,
    )


def test_a_change_dated_in_the_past_counts_from_receipt(request_change):
    case = request_change(takes_place_on=date(2026, 2, 20))

    # Received Monday 2 March 10:00: due Wednesday 4 March 17:00.
    assert milestones(case)["publish"][:2] == (MONDAY_10, utc(2026, 3, 4, 17))


def test_a_page_marked_not_needed_is_not_owed(request_change):
    case = request_change(welsh_needed=False)

    assert set(milestones(case)) == {"publish"}


def test_no_page_needed_at_all_is_refused(request_change):
    with pytest.raises(ServiceError) as refused:
        request_change(english_needed=False, welsh_needed=False)

    assert "languages" in refused.value.message_dict
    assert not Case.objects.exists()


def test_without_a_web_team_nothing_is_raised(request_change, raise_emergency, web_team):
    web_team.web_team = False
    web_team.save(update_fields=["web_team"])

    for raise_it in (request_change, raise_emergency):
        with pytest.raises(ServiceError, match="web team"):
            raise_it()
    assert not Case.objects.exists()
    assert not PublicationRequest.objects.exists()


def test_an_emergency_owes_english_within_the_hour_and_welsh_from_its_publication(
    raise_emergency, web_officer
):
    case = raise_emergency()

    assert case.kind == "emergency_information"
    assert case.standard.code == "EMERGENCY_WELSH"
    # English: 1 hour, due soon with a quarter of it left (10:45). Welsh: not started.
    english = Milestone.objects.get(case=case, kind="publish")
    assert (english.due_at, english.due_soon_at) == (utc(2026, 3, 2, 11), utc(2026, 3, 2, 10, 45))
    assert milestones(case)["welsh_version"] == (MONDAY_10, None, "pending", None)

    page_publish(
        case=case,
        language="en",
        url="https://www.example.gov.wales/news/a525-closed",
        actor=web_officer,
        now=utc(2026, 3, 2, 10, 40),
    )

    # Published 10:40, on time; the Welsh version is due by closing time on Tuesday.
    assert milestones(case) == {
        "publish": (MONDAY_10, utc(2026, 3, 2, 11), "met", utc(2026, 3, 2, 10, 40)),
        "welsh_version": (utc(2026, 3, 2, 10, 40), utc(2026, 3, 3, 17), "pending", None),
    }
    published = CaseEvent.objects.get(case=case, kind=EventKind.PUBLISHED)
    assert published.payload == {
        "language": "en",
        "url": "https://www.example.gov.wales/news/a525-closed",
    }
    assert published.actor == web_officer

    page_publish(
        case=case,
        language="cy",
        url="https://www.example.gov.wales/newyddion/a525-ar-gau",
        actor=web_officer,
        now=utc(2026, 3, 3, 12),
    )

    assert milestones(case)["welsh_version"][2:] == ("met", utc(2026, 3, 3, 12))
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED
    request = PublicationRequest.objects.get(case=case)
    assert (request.english_url, request.welsh_url) == (
        "https://www.example.gov.wales/news/a525-closed",
        "https://www.example.gov.wales/newyddion/a525-ar-gau",
    )


def test_english_after_the_hour_is_met_late(raise_emergency, web_officer):
    case = raise_emergency()

    page_publish(
        case=case,
        language="en",
        url="https://www.example.gov.wales/a",
        actor=web_officer,
        now=utc(2026, 3, 2, 11, 30),
    )

    assert milestones(case)["publish"][2] == "met_late"


def test_welsh_first_is_allowed_and_english_keeps_its_own_deadline(raise_emergency, web_officer):
    case = raise_emergency()

    page_publish(
        case=case,
        language="cy",
        url="https://www.example.gov.wales/cy/a",
        actor=web_officer,
        now=utc(2026, 3, 2, 10, 20),
    )

    assert milestones(case) == {
        "publish": (MONDAY_10, utc(2026, 3, 2, 11), "pending", None),
        "welsh_version": (MONDAY_10, None, "met", utc(2026, 3, 2, 10, 20)),
    }


def test_the_last_page_of_a_change_resolves_it(request_change, web_officer):
    case = request_change(english_needed=False)

    page_publish(
        case=case,
        language="cy",
        url="https://www.example.gov.wales/cy/biniau",
        actor=web_officer,
        now=utc(2026, 3, 3, 9),
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED


@pytest.mark.parametrize(
    ("language", "url", "field", "message"),
    [
        ("en", "  ", "url", "Enter the address of the published page."),
        ("en", "javascript:alert(1)", "url", "Enter the page's full address"),
        ("en", "https://www.example.gov.wales/" + "a" * 480, "url", "no more than 500"),
        ("de", "https://www.example.gov.wales/a", "language", "Choose the language"),
        ("cy", "https://www.example.gov.wales/a", "language", "marked as not needed"),
        ("en", "https://www.example.gov.wales/again", "language", "already been published"),
    ],
)
def test_a_wrong_publication_is_refused_and_changes_nothing(
    request_change, web_officer, language, url, field, message
):
    case = request_change(welsh_needed=False)
    page_publish(
        case=case,
        language="en",
        url="https://www.example.gov.wales/first",
        actor=web_officer,
        now=utc(2026, 3, 2, 11),
    ) if message == "already been published" else None
    # The first publication resolved the case: reopened to see the refusal itself.
    if message == "already been published":
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.IN_PROGRESS)
    before = state(case)

    with pytest.raises(ServiceError) as refused:
        page_publish(
            case=case, language=language, url=url, actor=web_officer, now=utc(2026, 3, 2, 12)
        )

    assert message in " ".join(refused.value.message_dict[field])
    assert state(case) == before


def test_an_administrator_changes_the_emergency_targets(raise_emergency, web_officer):
    """The targets are the catalogue's rows: 2 hours and 2 working days, say."""
    standard = Standard.objects.get(code="EMERGENCY_WELSH")
    Target.objects.filter(standard=standard, milestone="publish").update(amount=2)
    Target.objects.filter(standard=standard, milestone="welsh_version").update(amount=2)
    case_rules_forget()
    case = raise_emergency()
    page_publish(
        case=case,
        language="en",
        url="https://www.example.gov.wales/a",
        actor=web_officer,
        now=utc(2026, 3, 2, 11),
    )

    assert milestones(case)["publish"][1] == utc(2026, 3, 2, 12)
    # Counted from Monday 11:00: closing time on Wednesday.
    assert milestones(case)["welsh_version"][1] == utc(2026, 3, 4, 17)


def test_the_sweep_alerts_the_english_deadline_and_later_the_welsh(raise_emergency, web_officer):
    case = raise_emergency()
    english = Milestone.objects.get(case=case, kind="publish")

    sla_sweep(now=utc(2026, 3, 2, 10, 50))
    english.refresh_from_db()
    assert english.state == "due_soon"
    sla_sweep(now=utc(2026, 3, 2, 11, 1))
    english.refresh_from_db()
    assert english.state == "breached"
    assert [kind for _revision, kind, _who in milestone_alerts(english)] == [
        "breached",
        "due_soon",
    ]

    page_publish(
        case=case,
        language="en",
        url="https://www.example.gov.wales/a",
        actor=web_officer,
        now=utc(2026, 3, 2, 11, 5),
    )
    welsh = Milestone.objects.get(case=case, kind="welsh_version")
    # Due Tuesday 17:00; due soon from Monday's closing time (one working day left).
    assert (welsh.due_at, welsh.due_soon_at) == (utc(2026, 3, 3, 17), utc(2026, 3, 2, 17))
    sla_sweep(now=utc(2026, 3, 3, 17, 1))
    welsh.refresh_from_db()
    assert welsh.state == "breached"
    assert milestone_alerts(welsh)


def test_the_emergency_shows_on_the_sla_dashboard(raise_emergency):
    case = raise_emergency()
    sla_snapshot_take(now=utc(2026, 3, 2, 11, 30))

    row = SlaSnapshot.objects.get(standard=case.standard)
    assert (row.breached, row.team_id) == (1, case.team_id)


def test_the_report_lists_emergencies_published_in_one_language_first(
    raise_emergency, web_officer, manager_of_web
):
    both = raise_emergency()
    english_only = raise_emergency(now=utc(2026, 3, 4, 9), what="Water off in Dinbych.")
    raise_emergency(now=utc(2026, 3, 5, 9), what="Not published yet.")
    welsh_first = raise_emergency(now=utc(2026, 3, 6, 9), what="Storm warning.")
    for case, language, at in (
        (both, "en", utc(2026, 3, 2, 10, 30)),
        (both, "cy", utc(2026, 3, 3, 16, 45)),
        (english_only, "en", utc(2026, 3, 4, 9, 50)),
        (welsh_first, "cy", utc(2026, 3, 6, 9, 30)),
        (welsh_first, "en", utc(2026, 3, 6, 9, 40)),
    ):
        page_publish(
            case=case,
            language=language,
            url="https://www.example.gov.wales/x",
            actor=web_officer,
            now=at,
        )

    rows = emergency_report(
        user=manager_of_web, first=date(2026, 3, 1), last=date(2026, 3, 31), now=utc(2026, 3, 4, 12)
    )

    assert [(r.reference, r.first_language, r.second_at, r.took) for r in rows] == [
        (both.reference, "en", utc(2026, 3, 3, 16, 45), timedelta(hours=30, minutes=15)),
        # Still owed: till now.
        (english_only.reference, "en", None, timedelta(hours=2, minutes=10)),
        (welsh_first.reference, "cy", utc(2026, 3, 6, 9, 40), timedelta(minutes=10)),
    ]


def test_the_report_and_the_queue_cost_the_same_queries_however_many_emergencies(
    raise_emergency, web_officer, manager_of_web
):
    """Set-based: the milestones' times are subqueries of one query, not one per row."""

    def costs() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as report:
            emergency_report(
                user=manager_of_web, first=date(2026, 3, 1), last=date(2026, 3, 31), now=MONDAY_10
            )
        with CaptureQueriesContext(connection) as queue:
            list(web_queue(user=manager_of_web))
        return len(report), len(queue)

    for hour in (10, 11):
        page_publish(
            case=raise_emergency(now=utc(2026, 3, 2, hour)),
            language="en",
            url="https://www.example.gov.wales/a",
            actor=web_officer,
            now=utc(2026, 3, 2, hour, 30),
        )
    few = costs()
    for hour in (12, 13, 14, 15):
        page_publish(
            case=raise_emergency(now=utc(2026, 3, 2, hour)),
            language="en",
            url="https://www.example.gov.wales/a",
            actor=web_officer,
            now=utc(2026, 3, 2, hour, 30),
        )

    assert costs() == few
    assert few[0] == 1
