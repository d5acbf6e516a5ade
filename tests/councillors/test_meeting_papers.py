"""Clerks record their council's meetings and attach the agenda, minutes and papers; the
county councillors of the council's wards are sent a link (never the file) through the one
outbox, once each. A file refused by the case attachments' checks changes nothing."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from councillors.models import CommunityCouncil, CouncilMeeting, MeetingPaper
from councillors.selectors import meeting_get, meetings_visible_to
from councillors.services import council_meeting_create, meeting_paper_add
from messaging.models import OutboundMessage
from tests.councillors.conftest import member

NOW = datetime(2026, 5, 12, 18, 0, tzinfo=UTC)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ATTACHMENT_MAX_BYTES = 1000
    return settings.MEDIA_ROOT


def stored(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.fixture
def meeting(clerk, council) -> CouncilMeeting:
    return council_meeting_create(
        clerk=clerk, council=council, held_on=date(2026, 5, 11), title="Monthly meeting"
    )


def test_minutes_are_attached_and_the_wards_councillors_sent_a_link_once_each(
    meeting, clerk, cllr_jones, cllr_evans, cllr_other, media
):
    paper = meeting_paper_add(
        meeting=meeting,
        clerk=clerk,
        kind="minutes",
        upload=SimpleUploadedFile("Cofnodion Mai.pdf", PDF),
        now=NOW,
    )
    assert (paper.filename, paper.content_type, paper.size, paper.kind) == (
        "Cofnodion Mai.pdf",
        "application/pdf",
        len(PDF),
        "minutes",
    )
    # Stored by a random name outside the web root: nothing the clerk typed reaches the disk.
    [file] = stored(media)
    assert "Cofnodion" not in str(file) and file.read_bytes() == PDF
    # Llanfair's councillors (Jones by e-mail in Welsh, Evans by text), not Rhuthun's alone.
    sent = {
        m.person.username: m
        for m in OutboundMessage.objects.filter(key__startswith="meeting-paper:")
    }
    assert set(sent) == {"cllr-jones", "cllr-evans"}
    assert sent["cllr-jones"].key == f"meeting-paper:{paper.pk}:user:{cllr_jones.pk}"
    assert sent["cllr-jones"].subject == "Cofnodion: Cyngor Cymuned Llanfair"
    assert f"http://localhost:8000/cy/council-meetings/{meeting.pk}/" in sent["cllr-jones"].body
    assert sent["cllr-evans"].method == "sms"
    assert f"/en/council-meetings/{meeting.pk}/" in sent["cllr-evans"].body


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        (
            "minutes.html",
            b"<html><script>alert(1)</script></html>",
            "minutes.html must be a PDF, JPEG, PNG, TIFF, plain text, Word, OpenDocument or "
            "RTF file.",
        ),
        (
            "minutes.pdf",
            b"MZ\x90\x00" + bytes(100),
            "minutes.pdf must be a PDF, JPEG, PNG, TIFF, plain text, Word, OpenDocument or "
            "RTF file.",
        ),
        ("minutes.pdf", PDF + bytes(1000), "minutes.pdf must be smaller than 1000\xa0bytes."),
        ("minutes.pdf", b"", "minutes.pdf is empty."),
    ],
)
def test_a_file_of_the_wrong_type_or_too_large_is_refused_and_changes_nothing(
    meeting, clerk, cllr_jones, media, name, data, error
):
    with pytest.raises(ValidationError) as refused:
        meeting_paper_add(
            meeting=meeting,
            clerk=clerk,
            kind="minutes",
            upload=SimpleUploadedFile(name, data),
            now=NOW,
        )
    assert refused.value.message_dict == {"file": [error]}
    assert not MeetingPaper.objects.exists()
    assert stored(media) == []
    assert not OutboundMessage.objects.exists()


def test_only_the_councils_clerk_records_a_meeting_or_attaches_to_it(meeting, council, cllr_jones):
    other_clerk = member("clerk-rhuthun", Role.CLERK)
    CommunityCouncil.objects.create(code="rhuthun-tc", name="Ruthin Town Council").clerks.add(
        other_clerk
    )
    with pytest.raises(ValidationError):
        council_meeting_create(
            clerk=other_clerk, council=council, held_on=date(2026, 5, 1), title="Not mine"
        )
    with pytest.raises(PermissionError):
        meeting_paper_add(
            meeting=meeting,
            clerk=other_clerk,
            kind="agenda",
            upload=SimpleUploadedFile("agenda.pdf", PDF),
            now=NOW,
        )
    assert CouncilMeeting.objects.count() == 1 and not MeetingPaper.objects.exists()
    # Nor does a councillor attach (they read).
    with pytest.raises(PermissionError):
        meeting_paper_add(
            meeting=meeting,
            clerk=cllr_jones,
            kind="agenda",
            upload=SimpleUploadedFile("agenda.pdf", PDF),
            now=NOW,
        )


def test_who_sees_a_meeting(meeting, clerk, cllr_jones, cllr_evans, cllr_other, advisor):
    assert meeting_get(user=clerk, pk=meeting.pk) == meeting
    assert meeting_get(user=cllr_jones, pk=meeting.pk) == meeting
    assert meeting_get(user=cllr_evans, pk=meeting.pk) == meeting
    # Rhuthun's councillor, and staff, see none of the council's meetings.
    assert meeting_get(user=cllr_other, pk=meeting.pk) is None
    assert not meetings_visible_to(advisor).exists()
