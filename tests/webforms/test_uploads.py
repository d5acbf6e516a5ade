"""Files added to a public contact form: checked as they are added, listed, removable, and
attached to the case the form makes; abandoned ones are purged."""

import os
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from channels_app.webforms.uploads import pending_uploads_purge
from contacts.models import Attachment, Case
from tests.throttles import throttles_clear

from .test_forms import ANSWERS

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")
BASE = "/en/contact-us"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ATTACHMENT_MAX_BYTES = 1000
    settings.ATTACHMENT_MAX_CASE_BYTES = 1500
    settings.ATTACHMENT_MAX_FILES = 3
    throttles_clear(emails=("gwen@example.com",))
    return settings.MEDIA_ROOT


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def pending_files(media) -> list[str]:
    root = media / "pending"
    return sorted(path.name for path in root.rglob("*") if path.is_file()) if root.exists() else []


def to_files_step(client, service) -> None:
    client.get(f"{BASE}/type/")
    client.post(f"{BASE}/type/", {"form_type": "service-request"})
    client.post(f"{BASE}/service/", {"service": service.pk})
    response = client.post(f"{BASE}/details/", ANSWERS["details"])
    assert response.headers["Location"] == f"{BASE}/files/"


def finish(client) -> str:
    for step in ("about-you", "welsh", "accessibility"):
        response = client.post(f"{BASE}/{step}/", ANSWERS[step])
        assert response.status_code == 302
    page = client.get(f"{BASE}/check/").content.decode()
    token = page.split('name="submission" value="')[1].split('"')[0]
    return page, token


def test_files_added_to_the_form_become_the_cases_attachments(client, service, media):
    to_files_step(client, service)

    added = client.post(
        f"{BASE}/files/", {"action": "upload", "attachments": [upload("Llun o'r bin.png", PNG)]}
    )
    listed = client.get(f"{BASE}/files/").content.decode()
    more = client.post(
        f"{BASE}/files/", {"action": "continue", "attachments": [upload("letter.pdf", PDF)]}
    )
    page, token = finish(client)
    client.post(f"{BASE}/check/", {"submission": token})

    assert added.headers["Location"] == f"{BASE}/files/"
    assert "Llun o_r bin.png" in listed and "You have added 1 file" in listed
    assert more.headers["Location"] == f"{BASE}/about-you/"
    assert "Llun o_r bin.png" in page and "letter.pdf" in page
    case = Case.objects.get()
    attachments = Attachment.objects.filter(case=case).order_by("filename")
    assert [(a.filename, a.content_type, a.size) for a in attachments] == [
        ("Llun o_r bin.png", "image/png", len(PNG)),
        ("letter.pdf", "application/pdf", len(PDF)),
    ]
    assert [a.file.read() for a in attachments] == [PNG, PDF]
    assert all(a.file.name.startswith("attachments/") for a in attachments)
    assert pending_files(media) == []


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_kept(client, service, media):
    to_files_step(client, service)

    response = client.post(
        f"{BASE}/files/",
        {"action": "continue", "attachments": [upload("invoice.pdf", b"<html><script>x</script>")]},
    )

    assert response.status_code == 400
    assert "invoice.pdf must be a PDF, JPEG, PNG" in response.content.decode()
    assert pending_files(media) == []


def test_the_limits_count_files_already_added(client, service, media):
    to_files_step(client, service)
    client.post(
        f"{BASE}/files/",
        {"action": "upload", "attachments": [upload(f"{n}.png", PNG) for n in range(3)]},
    )

    response = client.post(
        f"{BASE}/files/", {"action": "upload", "attachments": [upload("4.png", PNG)]}
    )

    assert response.status_code == 400
    assert "A case can have at most 3 attachments." in response.content.decode()
    assert len(pending_files(media)) == 3


def test_a_file_can_be_removed_before_sending(client, service, media):
    to_files_step(client, service)
    client.post(f"{BASE}/files/", {"action": "upload", "attachments": [upload("a.png", PNG)]})
    stored = client.session["webform"]["answers"]["files"][0]["stored"]

    response = client.post(f"{BASE}/files/", {"remove": stored})
    # Someone else's file name (or a path out of the folder) removes nothing.
    client.post(f"{BASE}/files/", {"remove": "../../settings.py"})

    assert response.headers["Location"] == f"{BASE}/files/"
    assert client.session["webform"]["answers"]["files"] == []
    assert pending_files(media) == []


def test_no_files_is_fine(client, service, media):
    to_files_step(client, service)

    response = client.post(f"{BASE}/files/", {"action": "continue"})
    page, token = finish(client)
    client.post(f"{BASE}/check/", {"submission": token})

    assert response.headers["Location"] == f"{BASE}/about-you/"
    assert "No files added" in page
    assert Attachment.objects.count() == 0 and Case.objects.count() == 1


def test_abandoned_files_are_purged_after_a_day(client, service, media):
    to_files_step(client, service)
    client.post(f"{BASE}/files/", {"action": "upload", "attachments": [upload("old.png", PNG)]})
    old = next((media / "pending").rglob("*.png"))
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    client.post(f"{BASE}/files/", {"action": "upload", "attachments": [upload("new.pdf", PDF)]})

    removed = pending_uploads_purge(now=timezone.now())
    again = pending_uploads_purge(now=timezone.now())

    assert (removed, again) == (1, 0)
    assert [name.rsplit(".", 1)[1] for name in pending_files(media)] == ["pdf"]
    assert pending_uploads_purge(now=timezone.now() + timedelta(days=2)) == 1
