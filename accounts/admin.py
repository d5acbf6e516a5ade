from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from common.admin_labels import LabelledInlineMixin

from .models import Absence, Service, Team, User


class AbsenceInline(LabelledInlineMixin, admin.TabularInline):
    model = Absence
    fk_name = "user"
    extra = 0
    fields = ("starts_on", "ends_on", "cover", "urgent_contact")
    autocomplete_fields = ("cover",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team__service", "is_active")
    list_select_related = ("team__service",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Council role"),
            {
                "fields": (
                    "role",
                    "team",
                    "job_title_cy",
                    "job_title_en",
                    "phone",
                    "preferred_language",
                )
            },
        ),
    )
    search_fields = ("username", "first_name", "last_name", "email")
    inlines = [AbsenceInline]
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Council role"), {"fields": ("role", "team")}),
    )


class TeamInline(LabelledInlineMixin, admin.TabularInline):
    model = Team
    extra = 0
    fields = ("code", "name_cy", "name_en", "manager", "mailbox", "front_line", "active")
    autocomplete_fields = ("manager",)


@admin.register(Service)
class ServiceAdmin(TranslationAdmin):
    # A website typed without its scheme is https (Django 6's default, already).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("code", "name", "email", "phone", "website", "active")
    list_filter = ("active",)
    search_fields = ("code", "name_cy", "name_en")
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(TranslationAdmin):
    list_display = ("code", "name", "service", "manager", "front_line", "web_team", "active")
    list_filter = ("service", "front_line", "web_team", "active")
    search_fields = ("code", "name_cy", "name_en")
    autocomplete_fields = ("manager",)
    list_select_related = ("service", "manager")


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ("user", "starts_on", "ends_on", "cover", "urgent_contact")
    list_filter = ("user__team__service",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    date_hierarchy = "starts_on"
    autocomplete_fields = ("user", "cover")
    list_select_related = ("user", "cover")


# API tokens' admin (registers accounts.ApiToken).
from .api_tokens import admin as _api_tokens_admin  # noqa: E402, F401

# django-axes: the lockouts (AccessAttempt) stay in the admin, where an administrator lifts
# one by deleting it; its logs of successful and failed sign-ins are not kept (settings), so
# their empty pages go.
admin.site.unregister(AccessLog)
admin.site.unregister(AccessFailureLog)
