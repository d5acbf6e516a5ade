"""The one visibility policy on the staff pages (docs/adr/0018): staff read every service's
cases and work their own; a confidential case of another service, and a complaint that names
the reader, reach them on no path — case page, "Their other cases", search, attachments,
reception, complaints pages, officer's results, the evaluation's exports — and the queues and
the case page cost the queries they cost before."""

import html
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role
from complaints.models import ComplaintCategory
from complaints.services import complaint_record
from contacts.attachments import attachments_add
from contacts.models import Case, CaseEvent, Customer
from contacts.selectors import QueueCounts, queue_counts
from tests.factories import TeamFactory, UserFactory, make_case
from tests.search import search

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
#: Words that would give away the confidential cases, were they shown.
SECRET = "Carer visits twice daily"
COMPLAINED = "Manager was rude at the depot"


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def hidden(world, service, team, advisor):
    """Gwenllian Parry's cases the readers below must never learn of: a confidential case of
    highways (read by highways only) and a waste complaint naming the waste manager; and one
    highways case anybody on the staff may read. Each has a file attached."""
    customer = world.mine_breached.customer
    highways = world.highways.service
    confidential = make_case(
        service=highways,
        customer=customer,
        confidential=True,
        received_at=world.now - timedelta(days=2),
    )
    readable = make_case(
        service=highways, customer=customer, received_at=world.now - timedelta(days=3)
    )
    complaint = make_case(
        service=service,
        kind="complaint",
        customer=customer,
        received_at=world.now - timedelta(days=4),
    )
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="complaints")
    complaint_record(
        case=complaint,
        category=ComplaintCategory.objects.get(code="waste"),
        events_on=timezone.localdate(world.now - timedelta(days=5)),
        actor=officer,
        officers=[team.manager],
    )
    Case.objects.filter(pk=confidential.pk).update(summary=SECRET, description=SECRET)
    Case.objects.filter(pk=complaint.pk).update(summary=COMPLAINED, description=COMPLAINED)
    files = {
        case.pk: attachments_add(
            case=case,
            files=[SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")],
            actor=advisor,
        )[0]
        for case in (confidential, readable, complaint)
    }
    return {
        "confidential": confidential,
        "readable": readable,
        "complaint": complaint,
        "files": files,
        "officer": officer,
    }


@pytest.fixture(params=["waste_advisor", "manager_named"])
def reader(request, world):
    """Someone the hidden cases are kept from: an advisor of another service than the
    confidential case's, and the manager a complaint names."""
    return {"waste_advisor": world.advisor, "manager_named": world.manager}[request.param]


# --- The case page ------------------------------------------------------------------------


def test_another_services_case_is_read_but_not_worked(signed_in, world, hidden):
    readable = hidden["readable"]
    client = signed_in(world.advisor)

    pages = {lang: client.get(f"/{lang}/cases/{readable.reference}/") for lang in ("en", "cy")}

    assert [page.status_code for page in pages.values()] == [200, 200]
    english, welsh = text_of(pages["en"]), text_of(pages["cy"])
    assert "This case belongs to Highways: you can read it, and only its staff can act on it." in (
        english
    )
    assert "Mae'r achos hwn yn perthyn i Priffyrdd: gallwch ei ddarllen" in welsh
    assert "Take ownership" not in english and "Add note" not in english
    assert "scan.pdf" in english  # read with the case; adding files is its staff's
    assert 'name="attachments"' not in pages["en"].content.decode()
    note = client.post(f"/en/cases/{readable.reference}/note/", {"text": "Mine now"})
    assert note.status_code == 403
    assert not CaseEvent.objects.filter(case=readable, kind="note").exists()


def test_a_confidential_case_and_a_complaint_naming_the_reader_are_not_found(
    signed_in, reader, hidden
):
    client = signed_in(reader)
    for name in ("confidential", "complaint"):
        if name == "confidential" or reader.role == Role.MANAGER:
            case = hidden[name]
            assert client.get(f"/en/cases/{case.reference}/").status_code == 404, name
            attachment = hidden["files"][case.pk]
            download = f"/en/cases/{case.reference}/attachments/{attachment.pk}/"
            assert client.get(download).status_code == 404, name


def test_their_staff_read_the_confidential_case(signed_in, world, hidden):
    client = signed_in(world.highways_advisor)
    response = client.get(f"/en/cases/{hidden['confidential'].reference}/")
    assert response.status_code == 200
    assert SECRET in text_of(response)


def test_their_other_cases_span_the_council_but_never_a_hidden_one(
    signed_in, reader, world, hidden
):
    page = text_of(signed_in(reader).get(f"/en/cases/{world.mine_breached.reference}/"))

    assert hidden["readable"].reference in page
    assert "Highways ·" in page  # which service holds it
    assert hidden["confidential"].reference not in page and SECRET not in page
    if reader.role == Role.MANAGER:
        assert hidden["complaint"].reference not in page and COMPLAINED not in page


def test_the_complaints_officer_sees_the_complaint_in_the_customers_history(
    signed_in, world, hidden
):
    page = text_of(signed_in(hidden["officer"]).get(f"/en/cases/{world.mine_breached.reference}/"))
    assert hidden["complaint"].reference in page
    assert hidden["confidential"].reference not in page


def test_the_case_page_costs_no_more_queries_than_before(
    signed_in, world, hidden, django_assert_num_queries
):
    """11, as tests/web/test_case_page.py measured before the one-council rule, and one more
    for the audit of reads' INSERT (ADR 0021), however many other cases of however many
    services the customer has."""
    client = signed_in(world.advisor)
    url = f"/en/cases/{world.mine_breached.reference}/"
    client.get(url)
    with django_assert_num_queries(12):
        client.get(url)
    for day in range(5):
        make_case(
            service=world.highways.service,
            customer=world.mine_breached.customer,
            received_at=world.now - timedelta(days=10 + day),
        )
    with django_assert_num_queries(12):
        response = client.get(url)
    assert text_of(response).count("Highways ·") == 6


def test_reading_another_services_case_costs_no_more_than_working_ones_own(
    signed_in, world, hidden, django_assert_max_num_queries
):
    client = signed_in(world.advisor)
    client.get(f"/en/cases/{hidden['readable'].reference}/")
    with django_assert_max_num_queries(12):  # with the audit of reads' INSERT
        client.get(f"/en/cases/{hidden['readable'].reference}/")


# --- Queues keep their scope ---------------------------------------------------------------


def test_queues_and_counts_list_the_users_own_service(signed_in, world, hidden):
    """One council is for reading: "My work" and the team queue are the service's work."""
    highways_team = world.highways_advisor.team
    elsewhere = make_case(service=world.highways.service, team=highways_team)
    client = signed_in(world.advisor)

    team_queue = client.get("/en/team-queue/").content.decode()
    my_work = client.get("/en/my-work/").content.decode()

    for page in (team_queue, my_work):
        assert world.highways.reference not in page
        assert elsewhere.reference not in page
        assert hidden["readable"].reference not in page
    assert world.team_letter.reference in team_queue
    assert world.mine_breached.reference in my_work
    theirs = signed_in(world.highways_advisor).get("/en/team-queue/").content.decode()
    assert elsewhere.reference in theirs and world.team_letter.reference not in theirs
    # Three open cases the advisor owns, one waiting in the team's queue: as before.
    assert queue_counts(user=world.advisor) == QueueCounts(mine=3, team=1)


# --- Search -------------------------------------------------------------------------------


def test_search_finds_every_services_cases_but_no_hidden_one(signed_in, reader, hidden):
    client = signed_in(reader)
    page = text_of(search(client, "Gwenllian Parry"))
    assert hidden["readable"].reference in page and "Highways" in page
    assert hidden["confidential"].reference not in page
    for words in (SECRET, COMPLAINED):
        assert hidden["confidential"].reference not in text_of(search(client, words))
    confidential = search(client, hidden["confidential"].reference)
    assert confidential.status_code == 200  # no redirect to a case that is not theirs
    assert "No cases match" in text_of(confidential)
    if reader.role == Role.MANAGER:
        assert hidden["complaint"].reference not in page
        assert "No cases match" in text_of(search(client, hidden["complaint"].reference))


# --- Reception ----------------------------------------------------------------------------


def test_reception_reads_but_does_not_act_on_another_services_visit(signed_in, world):
    visit = make_case(
        service=world.highways.service,
        channel="visit",
        details={"contact_type": "reception"},
        received_at=world.now - timedelta(minutes=5),
    )
    secret_visit = make_case(
        service=world.highways.service,
        channel="visit",
        details={"contact_type": "reception"},
        confidential=True,
        received_at=world.now - timedelta(minutes=4),
        customer=Customer(name="Dilys Social"),
    )
    client = signed_in(world.advisor)
    page = client.get("/en/reception/").content.decode()
    assert visit.reference not in page and "Dilys Social" not in page  # the desk's own service
    assert client.post(f"/en/reception/{visit.reference}/seen/").status_code == 403
    assert client.post(f"/en/reception/{secret_visit.reference}/seen/").status_code == 404


# --- Complaints pages -------------------------------------------------------------------


def test_the_named_manager_finds_the_complaint_on_no_complaints_page(signed_in, world, hidden):
    complaint = hidden["complaint"]
    client = signed_in(world.manager)
    register = text_of(client.get("/en/complaints/"))
    assert complaint.reference not in register and COMPLAINED not in register
    assert client.get(f"/en/complaints/{complaint.reference}/").status_code == 404
    officer = signed_in(hidden["officer"])
    assert complaint.reference in text_of(officer.get("/en/complaints/"))


def test_another_services_complaints_officer_finds_no_complaint(signed_in, world, hidden):
    elsewhere = UserFactory(role=Role.COMPLAINTS_OFFICER, team=TeamFactory())
    client = signed_in(elsewhere)
    assert hidden["complaint"].reference not in text_of(client.get("/en/complaints/"))
    assert client.get(f"/en/complaints/{hidden['complaint'].reference}/").status_code == 404


# --- Exports ----------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_evaluation_exports_hold_figures_never_a_case(signed_in, world, hidden, extension):
    """Aggregates of whole services (ADR 0018): no reference, no words, no name of any case,
    in the files nor in the page printed to PDF."""
    client = signed_in(world.manager)
    today = timezone.localdate()
    query = f"first={today.replace(day=1).isoformat()}&last={today.isoformat()}"
    page = client.get(f"/en/standards-evaluation/?{query}")
    slugs = set(re.findall(r"/standards-evaluation/([a-z-]+)\.(?:csv|xlsx)", page.content.decode()))
    assert slugs
    printed = client.get(f"/en/standards-evaluation/?{query}&print=1").content.decode()
    assert not [secret for secret in (SECRET, COMPLAINED, "Gwenllian") if secret in printed]
    for slug in slugs:
        response = client.get(f"/en/standards-evaluation/{slug}.{extension}?{query}")
        assert response.status_code == 200, slug
        body = response.content
        for secret in (SECRET, COMPLAINED, "Gwenllian", "CYS-"):
            assert secret.encode() not in body, (slug, secret)
