"""Fixtures of the councillors' tests: two wards, their councillors, a community council with
its clerk, and a councillor enquiry made through the service.

===========  =================  ==========================================================
who          role               wards / council, contact preference
===========  =================  ==========================================================
cllr_jones   councillor         Llanfair (e-mail, Welsh)
cllr_evans   councillor         Llanfair and Rhuthun (text message, English)
cllr_other   councillor         Rhuthun (e-mail)
clerk        clerk              Cyngor Cymuned Llanfair (covers Llanfair ward)
===========  =================  ==========================================================
"""

from datetime import UTC, datetime

import pytest

from accounts.models import Role, User
from contacts.models import Customer
from councillors.models import CommunityCouncil, ContactMethod, MemberProfile, Ward
from councillors.services import enquiry_submit
from tests.factories import UserFactory

#: A Monday: 10 working days on is Monday 16 March 2026 at 17:00 (SPEC §3).
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def llanfair(db) -> Ward:
    return Ward.objects.create(
        code="llanfair", name_en="Llanfair", name_cy="Llanfair", areas="LL15 2\nLlanfair DC"
    )


@pytest.fixture
def rhuthun(db) -> Ward:
    return Ward.objects.create(code="rhuthun", name_en="Ruthin", name_cy="Rhuthun")


def member(username: str, role: str, *, method: str = ContactMethod.EMAIL, **fields) -> User:
    user = UserFactory(role=role, team=None, username=username, **fields)
    MemberProfile.objects.create(user=user, contact_method=method, postal_address="1 Stryd Fawr")
    return user


@pytest.fixture
def cllr_jones(llanfair) -> User:
    user = member("cllr-jones", Role.COUNCILLOR, preferred_language="cy", first_name="Huw")
    llanfair.councillors.add(user)
    return user


@pytest.fixture
def cllr_evans(llanfair, rhuthun) -> User:
    user = member("cllr-evans", Role.COUNCILLOR, method=ContactMethod.SMS, phone="07700 900123")
    llanfair.councillors.add(user)
    rhuthun.councillors.add(user)
    return user


@pytest.fixture
def cllr_other(rhuthun) -> User:
    user = member("cllr-other", Role.COUNCILLOR)
    rhuthun.councillors.add(user)
    return user


@pytest.fixture
def council(llanfair) -> CommunityCouncil:
    council = CommunityCouncil.objects.create(
        code="llanfair-cc", name_en="Llanfair Community Council", name_cy="Cyngor Cymuned Llanfair"
    )
    council.wards.add(llanfair)
    return council


@pytest.fixture
def clerk(council) -> User:
    user = member("clerk-llanfair", Role.CLERK)
    council.clerks.add(user)
    return user


@pytest.fixture
def enquiry(service, team, cllr_jones, llanfair):
    """Cllr Jones's enquiry for a resident of Llanfair, raised on Monday 2 March 2026."""
    return enquiry_submit(
        member=cllr_jones,
        service=service,
        summary="Fly-tipping on Lôn Goch",
        description="Bags dumped by the gate for a week.",
        ward=llanfair,
        resident=Customer(name="Megan Hughes", phone="01824 700000"),
        now=MONDAY,
    )
