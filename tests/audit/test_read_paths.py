"""Every path that shows a case records it in the audit of reads, once per request and in one
INSERT however many cases it shows; the queues, which show staff their own work, record
nothing (ADR 0021)."""

from datetime import UTC, datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from audit import reads
from audit.models import Read, ReadPath
from channels_app.models import Open311Client
from contacts.models import Attachment, Case, Customer
from councillors.services import enquiry_submit
from performance.monitoring.services import monitoring_sample_draw
from tests.channels_app.inbound.samples import payload
from tests.factories import CustomerFactory, UserFactory, make_case, open311_key, token_for
from tests.letters import RECEIVED, letter_case, letter_customer, printed_letter
from tests.search import search

pytestmark = pytest.mark.django_db


def audit_inserts(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "INSERT INTO audit_read" in q["sql"]]


def recorded(user) -> list[tuple[int, int | None, int | None]]:
    return list(
        Read.objects.filter(user=user).order_by("id").values_list("path", "case_id", "customer_id")
    )


@pytest.fixture
def case(service, team):
    return make_case(service=service, team=team, customer=CustomerFactory(name="Ann Jones"))


def test_the_case_page_costs_exactly_one_query_more(client, advisor, case, monkeypatch):
    """The page's queries with the audit and without it differ by the one INSERT."""
    url = f"/en/cases/{case.reference}/"
    client.force_login(advisor)
    client.get(url)  # the case rules and the session, cached once

    with CaptureQueriesContext(connection) as with_audit:
        assert client.get(url).status_code == 200
    monkeypatch.setattr(reads, "record", lambda *args, **kwargs: 0)
    with CaptureQueriesContext(connection) as without:
        assert client.get(url).status_code == 200

    assert len(with_audit) == len(without) + 1
    assert len(audit_inserts(with_audit)) == 1
    assert not any(
        "audit_read" in q["sql"] and "INSERT" not in q["sql"] for q in with_audit.captured_queries
    )
    assert recorded(advisor) == [(ReadPath.CASE_PAGE, case.pk, case.customer_id)] * 2


def test_the_api_records_a_case_it_returns(client, advisor, case):
    auth = {"HTTP_AUTHORIZATION": f"Token {token_for(advisor)}"}

    assert client.get(f"/api/v1/cases/{case.reference}/", **auth).status_code == 200

    assert recorded(advisor) == [(ReadPath.API, case.pk, case.customer_id)]


def test_a_page_of_the_api_is_every_case_in_one_insert(client, advisor, service, team):
    cases = [make_case(service=service, team=team) for _ in range(5)]
    auth = {"HTTP_AUTHORIZATION": f"Token {token_for(advisor)}"}

    with CaptureQueriesContext(connection) as captured:
        listed = client.get("/api/v1/cases/", **auth).json()

    assert len(listed["results"]) == 5
    assert len(audit_inserts(captured)) == 1
    assert sorted(case_id for _, case_id, _ in recorded(advisor)) == sorted(c.pk for c in cases)


def test_search_results_are_recorded_in_one_insert_the_queues_are_not(
    client, advisor, service, team
):
    cases = [
        make_case(service=service, team=team, customer=CustomerFactory(name=f"Ann Jones {n}"))
        for n in range(3)
    ]
    client.force_login(advisor)

    client.get("/en/team-queue/")
    client.get("/en/my-work/")
    assert recorded(advisor) == []

    with CaptureQueriesContext(connection) as captured:
        found = search(client, "Ann Jones")

    assert found.status_code == 200
    assert len(audit_inserts(captured)) == 1
    assert sorted(recorded(advisor)) == sorted(
        (ReadPath.SEARCH, c.pk, c.customer_id) for c in cases
    )


def test_a_reference_searched_for_is_recorded_once_by_the_case_page(client, advisor, case):
    client.force_login(advisor)

    client.post("/en/search/", {"q": case.reference}, follow=True)

    assert recorded(advisor) == [(ReadPath.CASE_PAGE, case.pk, case.customer_id)]


def test_an_attachment_downloaded_is_recorded(client, advisor, case, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment.objects.create(
        case=case,
        file=ContentFile(b"hello", name="note.txt"),
        filename="note.txt",
        content_type="text/plain",
        size=5,
    )
    client.force_login(advisor)

    answer = client.get(f"/en/cases/{case.reference}/attachments/{attachment.pk}/")

    assert answer.status_code == 200
    assert recorded(advisor) == [(ReadPath.ATTACHMENT, case.pk, case.customer_id)]


def test_a_letter_downloaded_is_recorded_from_the_page_and_the_api(
    client, advisor, service, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = letter_case(service=service, customer=letter_customer())
    letter = printed_letter(case, at=RECEIVED)
    client.force_login(advisor)

    assert client.get(f"/en/letters/{letter.pk}/pdf/").status_code == 200
    auth = {"HTTP_AUTHORIZATION": f"Token {token_for(advisor)}"}
    assert client.get(f"/api/v1/letters/{letter.pk}/document/", **auth).status_code == 200

    assert recorded(advisor) == [(ReadPath.LETTER, case.pk, case.customer_id)] * 2


def test_a_members_enquiry_is_recorded_on_their_page_and_in_their_api(client, service, team):
    councillor = UserFactory(role=Role.COUNCILLOR, team=None)
    case = enquiry_submit(
        member=councillor,
        service=service,
        summary="Fly-tipping",
        description="Bags by the gate.",
        resident=Customer(name="Megan Hughes", phone="01824 700000"),
        now=datetime(2026, 3, 2, 10, tzinfo=UTC),
    )
    client.force_login(councillor)

    assert client.get(f"/en/enquiries/{case.reference}/").status_code == 200
    auth = {"HTTP_AUTHORIZATION": f"Token {token_for(councillor)}"}
    assert client.get(f"/api/v1/member-enquiries/{case.reference}/", **auth).status_code == 200
    assert client.get("/api/v1/member-enquiries/", **auth).status_code == 200

    assert recorded(councillor) == [
        (ReadPath.ENQUIRY_PAGE, case.pk, case.customer_id),
        (ReadPath.API, case.pk, case.customer_id),
        (ReadPath.API, case.pk, case.customer_id),
    ]


def test_an_open311_client_reading_requests_is_recorded(client, service, team):
    key = open311_key("FixMyStreet")
    integration = Open311Client.objects.get().user
    posted = client.post(
        "/open311/v2/requests.json",
        {"api_key": key, "service_code": service.code, **payload("open311_request")},
    )
    assert posted.status_code == 201
    case = Case.objects.get()
    assert recorded(integration) == []  # a report sent is not a read
    assert (
        client.get(f"/open311/v2/requests/{case.reference}.json", {"api_key": key}).status_code
        == 200
    )
    listed = client.get(
        "/open311/v2/requests.json", {"api_key": key, "service_request_id": case.reference}
    )

    assert listed.status_code == 200
    assert recorded(integration) == [(ReadPath.OPEN311, case.pk, case.customer_id)] * 2


def test_a_monitoring_check_is_recorded(client, service, team):
    case = make_case(service=service, received_at=datetime(2026, 3, 2, 9, tzinfo=UTC))
    Case.objects.filter(pk=case.pk).update(
        status="closed", resolved_at=datetime(2026, 3, 3, 9, tzinfo=UTC)
    )
    sample, _ = monitoring_sample_draw(
        service=service,
        month=datetime(2026, 3, 1).date(),
        size=1,
        actor=None,
        now=datetime(2026, 4, 2, 9, tzinfo=UTC),
        seed=1,
    )
    check = sample.checks.get()
    client.force_login(team.manager)

    assert client.get(f"/en/monitoring/checks/{check.pk}/").status_code == 200

    assert recorded(team.manager) == [(ReadPath.MONITORING, case.pk, case.customer_id)]


def test_a_case_not_shown_is_not_recorded(client, advisor, service):
    client.force_login(advisor)

    assert client.get("/en/cases/CYS-2026-999999/").status_code == 404
    assert search(client, "nobody at all").status_code == 200

    assert recorded(advisor) == []
