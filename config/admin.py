"""The admin site: open to administrators by role as well as to Django's staff flag."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import Role


class CyswlltAdminSite(admin.AdminSite):
    site_header = _("Cyswllt administration")
    site_title = _("Cyswllt")
    index_title = _("Standards, calendar, services and people")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and (user.is_staff or getattr(user, "role", None) == Role.ADMINISTRATOR)
        )
