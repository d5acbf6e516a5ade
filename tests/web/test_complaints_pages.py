"""The complaints officer's pages through the test client: the register, recording a complaint
and taking it through its stages, the report, compliments, feedback and triage; confidentiality
as denials through the pages and the API."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Role
from audit.models import Read, ReadPath
from complaints.models import Complaint, Compliment, Feedback, Signposting
from complaints.services import complaint_record, feedback_decide
from contacts.models import Case
from messaging.models import OutboundMessage
from tests.factories import CustomerFactory, TeamFactory, UserFactory, make_case, token_for
from tests.search import search

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text)))


@pytest.fixture
def officer(team):
    return UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="complaints")


@pytest.fixture
def complaint_case(service):
    now = timezone.now()
    customer = CustomerFactory(name="Ann Jones", email="ann@example.com", preferred_language="en")
    return make_case(
        service=service,
        kind="complaint",
        customer=customer,
        received_at=now - timedelta(hours=2),
        now=now,
    )


@pytest.fixture
def complaint(complaint_case, officer, advisor):
    from complaints.models import ComplaintCategory

    return complaint_record(
        case=complaint_case,
        category=ComplaintCategory.objects.get(code="waste"),
        events_on=timezone.localdate() - timedelta(days=3),
        actor=officer,
        officers=[advisor],
    )


def test_recording_a_logged_complaint_from_the_register(signed_in, officer, complaint_case):
    client = signed_in(officer)
    register = client.get("/en/complaints/")
    assert register.status_code == 200
    assert complaint_case.reference in text_of(register)

    record_url = f"/en/complaints/{complaint_case.reference}/record/"
    empty = client.post(record_url, {})
    assert empty.status_code == 200
    assert "Choose the category" in text_of(empty)
    assert "Enter the date of the events" in text_of(empty)
    assert not Complaint.objects.exists()

    answer = client.post(
        record_url,
        {
            "category": Complaint._meta.get_field("category")
            .related_model.objects.get(code="waste")
            .pk,
            "events_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
            "stage": "1",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"/en/complaints/{complaint_case.reference}/"
    assert Complaint.objects.get().case == complaint_case


def test_errors_in_welsh(signed_in, officer, complaint_case):
    answer = signed_in(officer).post(
        f"/cy/complaints/{complaint_case.reference}/record/", {"events_on": "31/02/2026"}
    )
    assert "Dewiswch y categori" in text_of(answer)
    assert "Rhowch ddyddiad go iawn" in text_of(answer)


def test_stage_1_to_escalation_extension_and_close(signed_in, officer, complaint):
    client = signed_in(officer)
    base = f"/en/complaints/{complaint.case.reference}/"
    page = client.get(base)
    assert page.status_code == 200
    assert "Stage 1: resolve" in text_of(page)

    assert "Say why the complaint goes to stage 2" in text_of(client.post(base + "escalate/", {}))
    assert client.post(base + "escalate/", {"reason": "Still unhappy"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.stage == 2

    assert client.post(base + "acknowledge/", {}).status_code == 302

    respond = complaint.case.milestones.get(kind="respond")
    later = timezone.localdate(respond.due_at) + timedelta(days=7)
    while later.weekday() >= 5:
        later += timedelta(days=1)
    answer = client.post(base + "extend/", {"new_due_on": later.isoformat(), "reason": "Survey"})
    assert answer.status_code == 302
    assert OutboundMessage.objects.filter(case=complaint.case, purpose="extension").exists()

    answer = client.post(
        base + "close/",
        {"outcome": "not_upheld", "final_response": "We looked into it.", "remedy": ""},
    )
    assert answer.status_code == 302
    complaint.refresh_from_db()
    assert complaint.outcome == "not_upheld"
    letter = OutboundMessage.objects.get(case=complaint.case, purpose="resolution")
    assert "Public Services Ombudsman for Wales" in letter.body
    # Closed: only the Ombudsman referral is left.
    assert client.get(base + "escalate/").status_code == 302
    answer = client.post(
        base + "ombudsman/",
        {"referred_on": timezone.localdate().isoformat(), "reference": "X1"},
    )
    assert answer.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"new_due_on": "not a date", "reason": "x"},
        {"new_due_on": "9999-99-99", "reason": "x"},
        {"new_due_on": "0001-01-01", "reason": "x"},
        {"new_due_on": "2026-03-21", "reason": "x" * 6000},
        {"new_due_on": "\x00", "reason": "\x00"},
    ],
)
def test_garbage_is_refused_without_a_500(signed_in, officer, complaint, data):
    before = list(complaint.case.milestones.values_list("due_at", flat=True))
    answer = signed_in(officer).post(f"/en/complaints/{complaint.case.reference}/extend/", data)
    assert answer.status_code == 200
    assert "There is a problem" in text_of(answer)
    assert list(complaint.case.milestones.values_list("due_at", flat=True)) == before


def test_every_view_is_recorded(signed_in, officer, complaint):
    client = signed_in(officer)
    client.get("/en/complaints/")
    client.get(f"/en/complaints/{complaint.case.reference}/")
    client.get(f"/en/cases/{complaint.case.reference}/")
    assert list(
        Read.objects.filter(user=officer, case_id=complaint.case.pk)
        .order_by("id")
        .values_list("path", flat=True)
    ) == [ReadPath.COMPLAINT_REGISTER, ReadPath.COMPLAINT_PAGE, ReadPath.CASE_PAGE]


# --- Confidentiality ---------------------------------------------------------------------


def test_advisors_cannot_see_complaints(signed_in, advisor, complaint):
    client = signed_in(advisor)
    reference = complaint.case.reference
    assert client.get("/en/complaints/").status_code == 403
    assert client.get(f"/en/complaints/{reference}/").status_code == 403
    assert client.get(f"/en/cases/{reference}/").status_code == 404
    assert reference not in client.get("/en/team-queue/").text
    assert reference not in search(client, "Ann Jones").text


def test_the_officer_complained_about_cannot_open_it_even_as_a_manager(signed_in, team, complaint):
    manager = team.manager
    complaint.officers_complained_about.add(manager)
    client = signed_in(manager)
    reference = complaint.case.reference
    assert client.get(f"/en/complaints/{reference}/").status_code == 404
    assert client.get(f"/en/cases/{reference}/").status_code == 404
    assert reference not in client.get("/en/complaints/").text


def test_another_services_complaints_officer_cannot_see_it(signed_in, complaint):
    stranger = UserFactory(role=Role.COMPLAINTS_OFFICER)  # another service
    client = signed_in(stranger)
    assert client.get(f"/en/complaints/{complaint.case.reference}/").status_code == 404
    assert client.get(f"/en/complaints/{complaint.case.reference}/close/").status_code == 404


def test_the_manager_and_the_administrator_can(signed_in, team, administrator, complaint):
    assert (
        signed_in(team.manager).get(f"/en/complaints/{complaint.case.reference}/").status_code
        == 200
    )
    assert (
        signed_in(administrator).get(f"/en/complaints/{complaint.case.reference}/").status_code
        == 200
    )


def test_the_api_denies_complaints_to_those_who_may_not_see_them(
    client, advisor, officer, complaint
):
    reference = complaint.case.reference
    as_advisor = {"HTTP_AUTHORIZATION": f"Token {token_for(advisor)}"}
    assert client.get(f"/api/v1/cases/{reference}/", **as_advisor).status_code == 404
    listed = client.get("/api/v1/cases/", **as_advisor).json()
    assert reference not in str(listed)
    assert client.get(f"/api/v1/complaints/{reference}/", **as_advisor).status_code == 403

    as_officer = {"HTTP_AUTHORIZATION": f"Token {token_for(officer)}"}
    answer = client.get(f"/api/v1/complaints/{reference}/", **as_officer)
    assert answer.status_code == 200
    assert answer.json()["category"] == "waste"
    assert client.get(f"/api/v1/cases/{reference}/", **as_officer).status_code == 200
    listed = client.get("/api/v1/complaints/?stage=1", **as_officer).json()
    assert [row["reference"] for row in listed["results"]] == [reference]
    assert client.get("/api/v1/complaints/?stage=7", **as_officer).status_code == 400
    assert (
        Read.objects.filter(user=officer, path=ReadPath.API, case_id=complaint.case.pk).count() == 3
    )
    stranger = UserFactory(role=Role.COMPLAINTS_OFFICER)
    as_stranger = {"HTTP_AUTHORIZATION": f"Token {token_for(stranger)}"}
    assert client.get(f"/api/v1/complaints/{reference}/", **as_stranger).status_code == 404


# --- The report ------------------------------------------------------------------------


def test_report_page_and_downloads(signed_in, officer, complaint):
    client = signed_in(officer)
    page = client.get("/en/complaints/report/")
    assert page.status_code == 200
    assert "Complaints received" in text_of(page)
    csv_file = client.get("/en/complaints/report.csv")
    assert csv_file["Content-Type"].startswith("text/csv")
    assert "Complaints received" in csv_file.content.decode()
    xlsx = client.get("/en/complaints/report.xlsx?quarter=2026-Q1")
    assert xlsx.content[:2] == b"PK"
    assert client.get("/en/complaints/report/?quarter=garbage%00").status_code == 200
    assert client.get("/en/complaints/report/", {"quarter": "x" * 10_000}).status_code == 200


# --- Compliments, feedback, triage ------------------------------------------------------


def test_recording_a_compliment_passes_it_on(signed_in, officer, advisor, team, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client = signed_in(officer)
    answer = client.post(
        "/en/complaints/compliments/new/",
        {
            "officer": advisor.pk,
            "channel": "email",
            "received_on": timezone.localdate().isoformat(),
            "text": "Alex was so helpful",
        },
    )
    assert answer.status_code == 302
    compliment = Compliment.objects.get()
    assert (compliment.officer, compliment.team) == (advisor, team)
    assert "Alex was so helpful" in text_of(client.get("/en/complaints/compliments/"))

    nobody = client.post(
        "/en/complaints/compliments/new/",
        {"channel": "email", "received_on": timezone.localdate().isoformat(), "text": "x"},
    )
    assert "Choose the officer or the team praised" in text_of(nobody)


def test_feedback_decided_told_and_published(signed_in, officer, service):
    now = timezone.now()
    customer = CustomerFactory(email="bob@example.com", preferred_language="cy")
    case = make_case(
        service=service,
        kind="feedback",
        customer=customer,
        received_at=now - timedelta(hours=1),
        now=now,
    )
    client = signed_in(officer)
    assert case.reference in text_of(client.get("/en/complaints/feedback/"))
    answer = client.post(
        f"/en/complaints/feedback/{case.reference}/decide/",
        {"decision": "acted_on", "outcome": "Rydym wedi ychwanegu mainc."},
    )
    assert answer.status_code == 302
    message = OutboundMessage.objects.get(case=case, purpose="resolution")
    assert message.language == "cy"
    answer = client.post(
        f"/en/complaints/feedback/{case.reference}/publish/",
        {
            "you_said_cy": "Dim mainc yn y parc",
            "you_said_en": "No bench in the park",
            "we_did_cy": "Rydym wedi ychwanegu mainc",
            "we_did_en": "We added a bench",
        },
    )
    assert answer.status_code == 302
    assert Feedback.objects.get(case=case).published
    client.logout()
    public = client.get("/cy/you-said-we-did/")
    assert public.status_code == 200
    assert "Rydym wedi ychwanegu mainc" in text_of(public)
    assert "bob@example.com" not in public.text
    assert "We added a bench" in text_of(client.get("/en/you-said-we-did/"))


def test_feedback_not_adopted_is_not_publishable(signed_in, officer, service):
    now = timezone.now()
    case = make_case(
        service=service,
        kind="feedback",
        customer=CustomerFactory(email="c@example.com"),
        received_at=now - timedelta(hours=1),
        now=now,
    )
    feedback_decide(case=case, decision="not_adopted", outcome="Not this year", actor=officer)
    answer = signed_in(officer).post(
        f"/en/complaints/feedback/{case.reference}/publish/",
        {"you_said_cy": "a", "you_said_en": "a", "we_did_cy": "a", "we_did_en": "a"},
    )
    assert answer.status_code == 302
    assert not Feedback.objects.get(case=case).published


def test_a_service_request_becomes_a_complaint(signed_in, officer, service):
    now = timezone.now()
    request_case = make_case(
        service=service,
        kind="service_request",
        customer=CustomerFactory(email="d@example.com"),
        received_at=now - timedelta(days=1),
        now=now,
    )
    client = signed_in(officer)
    answer = client.post(
        f"/en/complaints/triage/{request_case.reference}/convert/",
        {"reason": "Bin missed three weeks running"},
    )
    assert answer.status_code == 302
    new_case = Case.objects.exclude(pk=request_case.pk).get()
    assert (new_case.kind, new_case.customer_id) == ("complaint", request_case.customer_id)
    assert answer["Location"] == f"/en/complaints/{new_case.reference}/record/"

    enquiry = make_case(service=service, received_at=now - timedelta(hours=1), now=now)
    refused = client.post(f"/en/complaints/triage/{enquiry.reference}/convert/", {"reason": "x"})
    assert "Only a service request can be turned into a complaint." in text_of(refused)


def test_signposting_records_the_route_and_resolves(signed_in, officer, service):
    now = timezone.now()
    case = make_case(
        service=service,
        kind="complaint",
        customer=CustomerFactory(email="e@example.com"),
        received_at=now - timedelta(hours=1),
        now=now,
    )
    answer = signed_in(officer).post(
        f"/en/complaints/triage/{case.reference}/signpost/",
        {"route": "parking_penalty", "reason": "A penalty charge notice challenge"},
    )
    assert answer.status_code == 302
    assert Signposting.objects.get(case=case).route == "parking_penalty"
    case.refresh_from_db()
    assert case.status == "resolved"


@pytest.mark.parametrize("action", ["convert", "signpost"])
def test_another_services_complaints_officer_reads_but_cannot_triage(signed_in, service, action):
    """One council is for reading (docs/adr/0018): triage acts on the case, so it is for the
    case's own service."""
    case = make_case(service=service, kind="service_request")
    elsewhere = UserFactory(role=Role.COMPLAINTS_OFFICER, team=TeamFactory())
    client = signed_in(elsewhere)
    url = f"/en/complaints/triage/{case.reference}/{action}/"
    assert client.get(url).status_code == 403
    data = {"reason": "x", "route": "parking_penalty"}
    assert client.post(url, data).status_code == 403
    assert Case.objects.get() == case and Case.objects.get().status == "new"
    assert not Signposting.objects.exists()


def test_advisors_cannot_use_the_triage_or_compliment_pages(signed_in, advisor, service):
    case = make_case(service=service, kind="service_request")
    client = signed_in(advisor)
    assert client.get(f"/en/complaints/triage/{case.reference}/convert/").status_code == 403
    assert client.get("/en/complaints/compliments/new/").status_code == 403
    assert client.get("/en/complaints/report/").status_code == 403
    assert mail.outbox == []


def test_the_register_costs_the_same_however_many_complaints(
    signed_in, officer, service, django_assert_max_num_queries
):
    from complaints.models import ComplaintCategory

    category = ComplaintCategory.objects.get(code="waste")
    now = timezone.now()
    for hours in range(1, 7):
        case = make_case(
            service=service,
            kind="complaint",
            received_at=now - timedelta(hours=hours),
            now=now,
        )
        complaint_record(
            case=case,
            category=category,
            events_on=timezone.localdate() - timedelta(days=1),
            actor=officer,
            stage=2 if hours % 2 else 1,
            stage2_reason="Serious" if hours % 2 else "",
        )
    client = signed_in(officer)
    with django_assert_max_num_queries(16):
        page = client.get("/en/complaints/")
    assert text_of(page).count("CYS-") == 6
    stage_two = client.get("/en/complaints/?stage=2&show=open&category=&sla_state=")
    assert text_of(stage_two).count("CYS-") == 3
    garbage = client.get("/en/complaints/?stage=9&category=%00&sla_state=x&page=abc")
    assert garbage.status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"category": "999999", "events_on": "2026-01-01", "stage": "1"},
        {"category": "x", "events_on": "x" * 5000, "stage": "3"},
        {"category": "1", "events_on": "2026-01-01", "stage": "1", "officers": ["999999"]},
        {"category": "1", "events_on": "2026-01-01", "stage": "1", "on_behalf_of": "x" * 500},
        {"category": "1", "events_on": "2026-01-01", "stage": "1", "late_reason": "\x00"},
    ],
)
def test_recording_refuses_garbage_and_changes_nothing(signed_in, officer, complaint_case, data):
    answer = signed_in(officer).post(f"/en/complaints/{complaint_case.reference}/record/", data)
    assert answer.status_code == 200
    assert "There is a problem" in text_of(answer)
    assert not Complaint.objects.exists()


def test_other_peoples_references_are_not_found(signed_in, officer, service):
    other_case = make_case(service=UserFactory().team.service, kind="complaint")
    client = signed_in(officer)
    for path in ("record/", "", "close/", "extend/"):
        assert client.get(f"/en/complaints/{other_case.reference}/{path}").status_code == 404
    assert client.get("/en/complaints/NOT-A-REF/").status_code == 404
    assert client.get("/en/complaints/" + "x" * 40 + "/").status_code == 404
    assert client.get(f"/en/complaints/feedback/{other_case.reference}/decide/").status_code == 404
