"""Attachments: limits, types read from the content, safe downloads for the case's service."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Attachment, Case
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ATTACHMENT_MAX_BYTES = 1000
    settings.ATTACHMENT_MAX_CASE_BYTES = 1500
    return settings.MEDIA_ROOT


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def log_letter(client, files):
    return client.post(
        "/en/log-contact/letter/",
        {
            "postal_address": "1 Stryd Fawr",
            "kind": "enquiry",
            "summary": "Letter",
            "language": "en",
            "assign_to": "me",
            "attachments": files,
        },
    )


def stored_files(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_a_letter_is_logged_with_its_scans(client, advisor, media):
    client.force_login(advisor)
    response = log_letter(client, [upload("scan 1.pdf", PDF), upload("../../photo.PNG", PNG)])
    assert response.status_code == 302
    case = Case.objects.get()
    names = list(case.attachments.values_list("filename", "content_type", "size"))
    assert names == [
        ("scan 1.pdf", "application/pdf", len(PDF)),
        ("photo.png", "image/png", len(PNG)),
    ]
    files = stored_files(media)
    assert len(files) == 2
    assert all(case.reference in str(f) and "scan" not in f.name for f in files)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([upload("big.pdf", PDF + b" " * 1000)], "big.pdf must be smaller than 1000"),
        (
            [upload("letter.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")],
            "letter.pdf must be a PDF, JPEG",
        ),
        ([upload("note.txt", b"<!DOCTYPE html><p>hi</p>", "text/plain")], "note.txt must be a PDF"),
        ([upload("run.exe", b"MZ\x90\x00" + b"\x00" * 60)], "run.exe must be a PDF"),
        ([upload("scan.png", PDF)], "scan.png must be a PDF"),
        (
            [upload("a.pdf", PDF + b" " * 800), upload("b.pdf", PDF + b" " * 800)],
            "must come to less than 1.5",
        ),
        ([upload("empty.pdf", b"")], "The submitted file is empty"),
    ],
)
def test_refused_files_log_nothing(client, advisor, media, files, message):
    client.force_login(advisor)
    response = log_letter(client, files)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Case.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []


def test_plain_text_in_welsh_is_accepted(client, advisor):
    client.force_login(advisor)
    response = log_letter(
        client, [upload("nodyn.txt", "Diolch yn fawr — ŵ ŷ".encode(), "text/plain")]
    )
    assert response.status_code == 302
    assert Attachment.objects.get().content_type == "text/plain"


@pytest.fixture
def attached(service, advisor):
    case = make_case(service=service)
    client_file = upload("<b>x</b>.pdf", PDF)
    from contacts.attachments import attachments_add

    (attachment,) = attachments_add(case=case, files=[client_file], actor=advisor)
    return case, attachment


def test_download_is_an_attachment_never_rendered(client, advisor, attached):
    case, attachment = attached
    client.force_login(advisor)
    response = client.get(f"/en/cases/{case.reference}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="b_.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_download_is_for_the_staff_who_may_read_the_case(client, world, attached):
    """Staff read a case's files with the case (one council); a confidential case's only its
    service's staff (docs/adr/0018); never councillors."""
    case, attachment = attached
    url = f"/en/cases/{case.reference}/attachments/{attachment.pk}/"
    client.force_login(world.highways_advisor)
    assert client.get(url).status_code == 200
    Case.objects.filter(pk=case.pk).update(confidential=True)
    assert client.get(url).status_code == 404
    client.force_login(world.advisor)
    assert client.get(url).status_code == 200
    client.force_login(world.councillor)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(world.advisor)
    assert (
        client.get(
            f"/en/cases/{world.colleagues.reference}/attachments/{attachment.pk}/"
        ).status_code
        == 404
    )
    assert (
        client.get(f"/en/cases/{case.reference}/attachments/999999999999999999/").status_code == 404
    )


def test_media_is_not_served(client, advisor, attached):
    _case, attachment = attached
    client.force_login(advisor)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    assert client.get(f"/en/media/{attachment.file.name}").status_code == 404


def test_adding_files_from_the_case_page(client, advisor, attached, media, settings):
    settings.ATTACHMENT_MAX_CASE_BYTES = 1000
    case, _attachment = attached
    client.force_login(advisor)
    page = client.get(f"/en/cases/{case.reference}/")
    assert "b_.pdf" in page.content.decode()
    response = client.post(
        f"/en/cases/{case.reference}/attachments/", {"attachments": [upload("more.png", PNG)]}
    )
    assert response["Location"] == f"/en/cases/{case.reference}/"
    assert case.attachments.count() == 2
    response = client.post(
        f"/en/cases/{case.reference}/attachments/",
        {"attachments": [upload("huge.pdf", PDF + b" " * 1400)]},
    )
    assert response.status_code == 400
    assert "huge.pdf must be smaller than" in response.content.decode()
    response = client.post(
        f"/en/cases/{case.reference}/attachments/",
        {"attachments": [upload("c.pdf", PDF + b" " * 900)]},
    )
    assert "must come to less than" in response.content.decode()
    assert case.attachments.count() == 2
    assert client.post(f"/en/cases/{case.reference}/attachments/", {}).status_code == 400


def test_other_services_cannot_add(client, world, attached):
    case, _ = attached
    client.force_login(world.highways_advisor)
    response = client.post(
        f"/en/cases/{case.reference}/attachments/", {"attachments": [upload("a.png", PNG)]}
    )
    assert response.status_code == 404
    assert case.attachments.count() == 1
