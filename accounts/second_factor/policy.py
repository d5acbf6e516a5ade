"""Who must pass a second factor after their password."""

from typing import Any

from django.conf import settings

from ..models import Role

#: Roles that see what most needs protecting: every service's settings and users, a team's
#: performance, complaints, the audit of reads (SPEC §12).
SECOND_FACTOR_ROLES = frozenset(
    {Role.ADMINISTRATOR, Role.MANAGER, Role.COMPLAINTS_OFFICER, Role.DATA_PROTECTION_OFFICER}
)


def second_factor_required(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if settings.OTP_REQUIRED_FOR_ALL or user.is_superuser:
        return True
    return getattr(user, "role", None) in SECOND_FACTOR_ROLES


def second_factor_owed(user: Any) -> bool:
    """Signed in with a password but not yet past the second factor their role needs: only
    the set-up and security-code pages (and signing out) are open to them."""
    if not second_factor_required(user):
        return False
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's OTPMiddleware
    return not (is_verified and is_verified())
