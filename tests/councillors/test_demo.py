"""The councillors' demo data: members' preferences, a town council and its clerk, and
calendar entries, made through the services and unchanged by a second run."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Role, User
from councillors.models import CommunityCouncil, MemberProfile, WardEvent
from tests.member_messages import member_messages

pytestmark = pytest.mark.django_db


def seed() -> None:
    call_command("seed_demo", allow_server_database=True, stdout=io.StringIO())


def test_the_demo_has_a_council_calendar_entries_and_every_members_preferences():
    seed()
    members = User.objects.filter(role__in=(Role.COUNCILLOR, Role.CLERK))
    assert MemberProfile.objects.filter(user__in=members).count() == members.count() > 0
    council = CommunityCouncil.objects.get(code="llanfair")
    assert council.clerks.filter(username="clerk").exists()
    assert WardEvent.objects.count() == 2
    # The works within the notice period were announced to the ward's councillor.
    assert WardEvent.objects.filter(announced_at__isnull=False).count() == 1
    assert member_messages().filter(key__startswith="ward-event:").count() == 1

    counts = (WardEvent.objects.count(), member_messages().count(), council.wards.count())
    seed()
    assert (
        WardEvent.objects.count(),
        member_messages().count(),
        council.wards.count(),
    ) == counts
