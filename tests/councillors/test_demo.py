"""The councillors' demo data: members' preferences, a town council and its clerk, and
calendar entries, made through the services and unchanged by a second run."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Role, User
from councillors.models import (
    CommunityCouncil,
    CouncilMeeting,
    MeetingPaper,
    MemberProfile,
    WardEvent,
    WardEventRecord,
)
from tests.member_messages import member_messages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def seed() -> None:
    call_command("seed_demo", allow_server_database=True, stdout=io.StringIO())


def test_the_demo_has_a_council_calendar_entries_and_every_members_preferences():
    seed()
    members = User.objects.filter(role__in=(Role.COUNCILLOR, Role.CLERK))
    assert MemberProfile.objects.filter(user__in=members).count() == members.count() > 0
    council = CommunityCouncil.objects.get(code="llanfair")
    assert council.clerks.filter(username="clerk").exists()
    assert WardEvent.objects.count() == 2
    # Each entry in both languages, so the Welsh feed and pages are Welsh.
    assert sorted(WardEvent.objects.values_list("title_cy", "title_en")) == [
        ("Ailwynebu Stryd y Farchnad", "Resurfacing Market Street"),
        ("Diwrnod Hwyl Glan yr Afon", "Riverside Fun Day"),
    ]
    assert sorted(WardEvent.objects.values_list("effect_cy", flat=True)) == [
        "Parcio'n brysur ger y parc",
        "Y ffordd ar gau 08:00–17:00; bysiau'n aros yn Sgwâr San Pedr",
    ]
    # The works within the notice period were announced to the ward's councillor.
    assert WardEvent.objects.filter(announced_at__isnull=False).count() == 1
    assert member_messages().filter(key__startswith="ward-event:").count() == 1
    # A comment thread on the planned works, and a meeting with its papers sent to the ward's
    # councillor.
    thread = WardEventRecord.objects.filter(kind__in=("comment", "answer"))
    assert sorted(thread.values_list("kind", flat=True)) == ["answer", "comment"]
    assert member_messages().filter(key__startswith="ward-event-answer:").count() == 1
    meeting = CouncilMeeting.objects.get(council=council)
    assert sorted(meeting.papers.values_list("kind", flat=True)) == ["agenda", "minutes"]
    assert member_messages().filter(key__startswith="meeting-paper:").count() == 2

    counts = (
        WardEvent.objects.count(),
        member_messages().count(),
        council.wards.count(),
        WardEventRecord.objects.count(),
        MeetingPaper.objects.count(),
    )
    seed()
    assert (
        WardEvent.objects.count(),
        member_messages().count(),
        council.wards.count(),
        WardEventRecord.objects.count(),
        MeetingPaper.objects.count(),
    ) == counts
