import pytest

from accounts.models import Role
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The factories hash a password for every user; PBKDF2 would cost a second per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def dpo(db):
    return UserFactory(
        role=Role.DATA_PROTECTION_OFFICER,
        team=None,
        username="dpo",
        first_name="Nia",
        last_name="Rowlands",
    )
