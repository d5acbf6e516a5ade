"""The subject access request page: only the request's officers reach it; they confirm the
records, produce the export and download it (on the audit of reads), and extend the request;
bad input is refused in words and changes nothing (docs/adr/0031)."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from audit.models import Read, ReadPath
from contacts.models import CaseEvent, EventKind
from dataprotection.models import SubjectAccessExport
from tests.factories import CustomerFactory, ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

# Recent: the extension is to three months from receipt, which must still be ahead.
RECEIVED = timezone.now() - timedelta(days=3)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def requester(db):
    return CustomerFactory(name="Gwen Morgan", email="gwen@example.com", phone="01267 234567")


@pytest.fixture
def request_case(service, advisor, requester):
    return make_case(
        service=service,
        kind="subject_access",
        customer=requester,
        summary="Copy of my data",
        received_at=RECEIVED,
        owner=advisor,
    )


def url(case, tail=""):
    return f"/en/cases/{case.reference}/subject-access/{tail}"


def test_the_page_lists_the_possible_records_and_what_is_held(
    signed_in, advisor, request_case, requester, service
):
    again = CustomerFactory(name="G Morgan", email="", phone="01267-234567")
    make_case(service=service, customer=again, summary="Old case", received_at=RECEIVED)
    CustomerFactory(name="Dai Other", email="dai@example.net")

    response = signed_in(advisor).get(url(request_case), {"records": [again.pk]})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Gwen Morgan" in page and "G Morgan" in page and "Dai Other" not in page
    assert response.context["chosen"] == [requester.pk, again.pk]
    assert dict(response.context["groups"])["Cases"] == 2


def test_a_record_not_found_for_them_is_refused(signed_in, advisor, request_case):
    other = CustomerFactory(name="Dai Other", email="dai@example.net")

    response = signed_in(advisor).get(url(request_case), {"records": [other.pk]})

    assert response.status_code == 200
    assert response.context["records_form"].errors == {
        "records": ["Choose only records found for this person."]
    }


def test_the_export_is_produced_and_downloaded_by_the_officer(
    signed_in, advisor, request_case, requester
):
    client = signed_in(advisor)
    response = client.post(url(request_case, "export/"), {"records": [requester.pk]})
    assert response.status_code == 302
    export = SubjectAccessExport.objects.get()
    assert export.customer_ids == [requester.pk]

    download = client.get(url(request_case, f"exports/{export.pk}/"))

    assert download.status_code == 200
    assert download["Content-Disposition"] == (
        f'attachment; filename="{request_case.reference}-subject-access.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert {"letter.pdf", "records.json"} <= set(archive.namelist())
    assert Read.objects.filter(path=ReadPath.EXPORT, case_id=request_case.pk).count() == 1
    assert Read.objects.filter(path=ReadPath.EXPORT, customer_id=requester.pk).count() == 1


def test_a_posted_record_of_someone_else_makes_no_export(signed_in, advisor, request_case):
    other = CustomerFactory(name="Dai Other", email="dai@example.net")

    response = signed_in(advisor).post(
        url(request_case, "export/"), {"records": [other.pk]}, follow=True
    )

    assert not SubjectAccessExport.objects.exists()
    assert [str(m) for m in response.context["messages"]] == [
        "Choose only records found for this person."
    ]


def test_the_extension_from_the_page(signed_in, advisor, request_case):
    client = signed_in(advisor)
    empty = client.post(url(request_case, "extend/"), {"reason": ""})
    assert empty.status_code == 200
    assert empty.context["extend_form"].errors == {"reason": ["Give the reason for the extension."]}
    assert not CaseEvent.objects.filter(case=request_case, kind=EventKind.EXTENDED).exists()

    done = client.post(url(request_case, "extend/"), {"reason": "Records in four services"})

    assert done.status_code == 302
    event = CaseEvent.objects.get(case=request_case, kind=EventKind.EXTENDED)
    assert event.text == "Records in four services"


def test_only_the_requests_officers_reach_it(signed_in, request_case, service, requester):
    elsewhere = UserFactory(role=Role.ADVISOR, team=TeamFactory(service=ServiceFactory()))
    client = signed_in(elsewhere)

    assert client.get(url(request_case)).status_code == 403
    assert client.post(url(request_case, "export/"), {"records": []}).status_code == 403
    assert not SubjectAccessExport.objects.exists()


def test_a_case_that_is_not_a_request_has_no_such_page(signed_in, advisor, service):
    case = make_case(service=service, received_at=RECEIVED)

    assert signed_in(advisor).get(url(case)).status_code == 404
