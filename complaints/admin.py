"""Administrators keep the complaint categories and their timescales, and the population the
quarterly report counts per 1,000 residents. Complaints themselves are worked on the staff
pages, where every view is recorded, so the admin shows no complaint details."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import ComplaintCategory, ReportingSettings


@admin.register(ComplaintCategory)
class ComplaintCategoryAdmin(TranslationAdmin):
    list_display = (
        "name",
        "code",
        "stage1_acknowledge_days",
        "stage1_days",
        "stage2_acknowledge_days",
        "stage2_days",
        "is_active",
    )
    list_editable = ("is_active",)
    ordering = ("position", "code")


@admin.register(ReportingSettings)
class ReportingSettingsAdmin(admin.ModelAdmin):
    list_display = ("population",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return not ReportingSettings.objects.exists()
