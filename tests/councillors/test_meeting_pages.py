"""Council meetings through the test client: a clerk records a meeting and attaches minutes,
the wards' councillors read and download them; a wrong file is refused with a translated
error and changes nothing; nobody else finds the meeting (404) or attaches to it (403)."""

import html
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from councillors.models import CouncilMeeting, MeetingPaper
from councillors.services import council_meeting_create, meeting_paper_add
from messaging.models import OutboundMessage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LANGUAGES = ["cy", "en"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ATTACHMENT_MAX_BYTES = 1000
    return settings.MEDIA_ROOT


@pytest.fixture
def meeting(clerk, council, cllr_jones, cllr_other) -> CouncilMeeting:
    return council_meeting_create(
        clerk=clerk, council=council, held_on=date(2026, 5, 11), title="Monthly meeting"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_clerk_records_a_meeting_and_attaches_its_minutes(
    client, clerk, council, cllr_jones, language
):
    client.force_login(clerk)
    assert client.get(f"/{language}/council-meetings/new/").status_code == 200
    response = client.post(
        f"/{language}/council-meetings/new/",
        {"council": council.pk, "title": "Monthly meeting", "held_on": "2026-05-11"},
    )
    meeting = CouncilMeeting.objects.get()
    assert response["Location"] == f"/{language}/council-meetings/{meeting.pk}/"
    url = f"/{language}/council-meetings/{meeting.pk}/papers/"
    response = client.post(
        url, {"kind": "minutes", "file": SimpleUploadedFile("Minutes May.pdf", PDF)}
    )
    assert response.status_code == 302
    paper = MeetingPaper.objects.get()
    assert OutboundMessage.objects.filter(key__startswith="meeting-paper:").count() == 1
    # The councillor of its ward reads and downloads it.
    client.force_login(cllr_jones)
    page = client.get(f"/{language}/council-meetings/{meeting.pk}/").content.decode()
    assert "Minutes May.pdf" in page
    download = client.get(f"/{language}/council-meetings/{meeting.pk}/papers/{paper.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("language", "error"),
    [
        (
            "en",
            "minutes.html must be a PDF, JPEG, PNG, TIFF, plain text, Word, OpenDocument or "
            "RTF file.",
        ),
        (
            "cy",
            "Rhaid i minutes.html fod yn ffeil PDF, JPEG, PNG, TIFF, testun plaen, Word, ",
        ),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_in_the_pages_language(
    client, meeting, clerk, language, error, media
):
    client.force_login(clerk)
    response = client.post(
        f"/{language}/council-meetings/{meeting.pk}/papers/",
        {"kind": "minutes", "file": SimpleUploadedFile("minutes.html", b"<html>hi</html>")},
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not MeetingPaper.objects.exists() and not OutboundMessage.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"kind": "minutes"}, "Choose the file to attach."),
        ({"file": "PDF"}, "Choose what the document is."),
        ({"kind": "letter", "file": "PDF"}, "Choose one of the options."),
    ],
)
def test_a_paper_form_missing_something_is_refused(client, meeting, clerk, data, error):
    if data.get("file") == "PDF":
        data = {**data, "file": SimpleUploadedFile("agenda.pdf", PDF)}
    client.force_login(clerk)
    response = client.post(f"/en/council-meetings/{meeting.pk}/papers/", data)
    assert response.status_code == 400 and error in response.content.decode()
    assert not MeetingPaper.objects.exists()


def test_an_empty_meeting_form_is_refused(client, clerk, council):
    client.force_login(clerk)
    response = client.post("/cy/council-meetings/new/", {"council": council.pk})
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert "Rhowch enw'r cyfarfod." in body and "Rhowch ddyddiad y cyfarfod." in body
    assert not CouncilMeeting.objects.exists()


def test_a_meeting_is_found_only_by_its_clerk_and_its_wards_councillors(
    client, meeting, clerk, cllr_jones, cllr_other, advisor
):
    paper = meeting_paper_add(
        meeting=meeting,
        clerk=clerk,
        kind="agenda",
        upload=SimpleUploadedFile("agenda.pdf", PDF),
    )
    urls = [
        f"/en/council-meetings/{meeting.pk}/",
        f"/en/council-meetings/{meeting.pk}/papers/",
        f"/en/council-meetings/{meeting.pk}/papers/{paper.pk}/",
    ]
    client.force_login(cllr_other)  # Rhuthun's councillor
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    assert "Monthly meeting" not in client.get("/en/council-meetings/").content.decode()
    client.force_login(advisor)  # staff have no business with them
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    client.force_login(cllr_jones)  # reads, but does not attach
    assert [client.get(url).status_code for url in urls] == [200, 403, 200]
    response = client.post(urls[1], {"kind": "minutes", "file": SimpleUploadedFile("m.pdf", PDF)})
    assert response.status_code == 403
    assert client.get("/en/council-meetings/new/").status_code == 403
    # Another meeting's paper number under this meeting is not found.
    assert (
        client.get(f"/en/council-meetings/{meeting.pk + 1}/papers/{paper.pk}/").status_code == 404
    )
    assert MeetingPaper.objects.count() == 1
