"""Permissions that follow the council roles rather than per-user grants."""

from typing import Any

from django.contrib.auth.backends import BaseBackend

from .models import Role


class RolePermissionBackend(BaseBackend):
    """Administrators (the role) may maintain everything in the Django admin.

    Roles are the unit of permission in this product (SPEC §1); granting Django permissions
    user by user would let the two drift apart.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return _is_active_administrator(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return _is_active_administrator(user_obj)


def _is_active_administrator(user: Any) -> bool:
    return bool(user.is_active and getattr(user, "role", None) == Role.ADMINISTRATOR)
