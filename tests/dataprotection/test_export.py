"""A subject access request's export holds every record and file about the requester, across
services and duplicate customer records, and nothing about anyone else; it is stored
encrypted and deleted when its time is up (docs/adr/0031)."""

import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from audit.models import Read, ReadPath
from complaints.models import Complaint, ComplaintCategory
from contacts.attachments import attachments_add
from councillors.models import MemberEnquiry
from dataprotection.encryption import decrypt
from dataprotection.models import SubjectAccessExport
from dataprotection.services.exports import export_produce, exports_purge
from messaging.delivery import message_deliver
from messaging.models import OutboundMessage
from tests.factories import CustomerFactory, ServiceFactory, make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, tzinfo=UTC)
NOW = datetime(2026, 3, 9, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(service, advisor):
    housing = ServiceFactory(code="housing", name_en="Housing", name_cy="Tai")
    gwen = CustomerFactory(
        name="Gwen Morgan", email="gwen@example.com", phone="01267 234567", postcode="SA31 1AA"
    )
    # The same person entered again by another service: same number, no e-mail, by letter.
    gwen_again = CustomerFactory(
        name="G Morgan",
        email="",
        phone="01267-234567",
        address="1 Heol y Bont\nCaerfyrddin",
        postcode="SA31 1AA",
        preferred_contact_method="letter",
    )
    dai = CustomerFactory(name="Dai Other", email="dai.other@example.net", phone="01970 111222")
    enquiry = make_case(
        service=service,
        customer=gwen,
        summary="Bins not collected",
        description="My neighbour (neighbour@example.org) says the same.",
        received_at=RECEIVED,
    )
    attachments_add(
        case=enquiry, files=[SimpleUploadedFile("photo-note.txt", b"Gwen's note\n")], actor=advisor
    )
    complaint = make_case(
        service=housing, kind="complaint", customer=gwen_again, summary="Damp", received_at=RECEIVED
    )
    Complaint.objects.create(
        case=complaint,
        category=ComplaintCategory.objects.get(code="waste"),
        events_on=date(2026, 2, 20),
        on_behalf_of="Mair Morgan",
    )
    letter = OutboundMessage.objects.get(case=complaint, method="letter")
    assert message_deliver(message_id=letter.pk, now=RECEIVED)
    member = make_case(
        service=housing, customer=gwen, summary="Via councillor", received_at=RECEIVED
    )
    MemberEnquiry.objects.create(case=member)
    others = make_case(
        service=service,
        customer=dai,
        summary="Dai's own case",
        description="dai secret",
        received_at=RECEIVED,
    )
    attachments_add(
        case=others, files=[SimpleUploadedFile("dai.txt", b"Dai's file\n")], actor=advisor
    )
    request = make_case(
        service=service,
        kind="subject_access",
        customer=gwen,
        summary="Copy of my data",
        received_at=RECEIVED,
        owner=advisor,
    )
    for case in (enquiry, others):
        Read.objects.create(at=NOW, user=advisor, path=ReadPath.CASE_PAGE, case_id=case.pk)
    Read.objects.create(at=NOW, user=advisor, path=ReadPath.CUSTOMER_PAGE, customer_id=dai.pk)
    return {
        "gwen": gwen,
        "gwen_again": gwen_again,
        "dai": dai,
        "cases": {enquiry, complaint, member, request},
        "others": others,
        "request": request,
    }


def opened(export):
    with default_storage.open(export.archive.name, "rb") as handle:
        stored = handle.read()
    assert b"PK" not in stored[:4]  # not a readable zip at rest
    return zipfile.ZipFile(io.BytesIO(decrypt(stored)))


def test_the_export_holds_every_record_and_file_about_them_and_nothing_else(world, advisor):
    gwen, gwen_again = world["gwen"], world["gwen_again"]

    export = export_produce(
        case=world["request"], customer_ids=[gwen.pk, gwen_again.pk], actor=advisor, now=NOW
    )

    archive = opened(export)
    records = json.loads(archive.read("records.json"))
    their_cases = {case.pk for case in world["cases"]}
    assert {row["id"] for row in records["customers"]} == {gwen.pk, gwen_again.pk}
    assert {row["id"] for row in records["cases"]} == their_cases
    assert {row["case"] for row in records["events"]} == their_cases
    assert {row["case"] for row in records["attachments"]} == {
        case.pk for case in world["cases"] if case.summary == "Bins not collected"
    }
    assert [row["on_behalf_of"] for row in records["complaints"]] == ["Mair Morgan"]
    assert len(records["member_enquiries"]) == 1
    assert {row["case"] for row in records["messages"]} <= their_cases
    assert records["messages"]
    assert {(row["case_id"], row["customer_id"]) for row in records["reads"]} == {
        (case.pk, None) for case in world["cases"] if case.summary == "Bins not collected"
    }
    names = sorted(archive.namelist())
    assert names[0].startswith("files/") and "letter.pdf" in names and "records.json" in names
    enquiry = next(case for case in world["cases"] if case.summary == "Bins not collected")
    (attachment_name,) = [n for n in names if n.startswith(f"files/{enquiry.reference}/")]
    assert attachment_name.endswith("-photo-note.txt")
    assert archive.read(attachment_name) == b"Gwen's note\n"
    assert [n for n in names if "/letter-" in n]  # the printed complaint acknowledgement
    assert archive.read("letter.pdf").startswith(b"%PDF")
    everything = b"".join(archive.read(name) for name in names)
    for theirs in (b"Dai Other", b"dai.other@example.net", b"dai secret", b"Dai's file"):
        assert theirs not in everything
    assert world["others"].reference.encode() not in everything
    # Other people's details, for the redaction review before release.
    assert {(item["kind"], item["value"]) for item in export.third_parties} == {
        ("email", "neighbour@example.org"),
        ("name", "Mair Morgan"),
    }
    assert export.expires_at == NOW + timedelta(days=30)


def test_records_found_for_nobody_else_are_refused_and_nothing_is_made(world, advisor):
    with pytest.raises(ValidationError) as refused:
        export_produce(
            case=world["request"], customer_ids=[world["dai"].pk], actor=advisor, now=NOW
        )

    assert refused.value.message_dict == {
        "customers": ["Choose only records found for this person."]
    }
    assert not SubjectAccessExport.objects.exists()


def test_a_request_without_a_requester_is_refused(service, advisor):
    request = make_case(service=service, kind="subject_access", received_at=RECEIVED)

    with pytest.raises(ValidationError) as refused:
        export_produce(case=request, customer_ids=[], actor=advisor, now=NOW)

    assert refused.value.message_dict == {
        "customers": ["Record who made the request on the case before looking for them."]
    }
    assert not SubjectAccessExport.objects.exists()


def test_the_purge_deletes_exports_whose_time_is_up_and_their_files(world, advisor):
    gwen = world["gwen"]
    old = export_produce(case=world["request"], customer_ids=[gwen.pk], actor=advisor, now=NOW)
    new = export_produce(
        case=world["request"], customer_ids=[gwen.pk], actor=advisor, now=NOW + timedelta(days=5)
    )

    assert exports_purge(now=NOW + timedelta(days=30)) == 1
    assert exports_purge(now=NOW + timedelta(days=30)) == 0  # twice is harmless

    assert list(SubjectAccessExport.objects.all()) == [new]
    assert not default_storage.exists(old.archive.name)
    assert default_storage.exists(new.archive.name)


def test_the_refusal_is_in_welsh_for_a_welsh_officer(world, advisor):
    with translation.override("cy"), pytest.raises(ValidationError) as refused:
        export_produce(
            case=world["request"], customer_ids=[world["dai"].pk], actor=advisor, now=NOW
        )

    assert refused.value.message_dict == {
        "customers": [
            "Dewiswch y cofnodion a ddaethpwyd o hyd iddynt ar gyfer yr unigolyn hwn yn unig."
        ]
    }
    assert not SubjectAccessExport.objects.exists()
