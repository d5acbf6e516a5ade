from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import RequestType


@admin.register(RequestType)
class RequestTypeAdmin(TranslationAdmin):
    list_display = (
        "name",
        "service",
        "team",
        "open311_code",
        "public",
        "confidential",
        "active",
        "ordering",
    )
    list_editable = ("ordering",)
    list_filter = ("service", "public", "confidential", "active")
    search_fields = ("name_cy", "name_en", "words_cy", "words_en", "open311_code")
    autocomplete_fields = ("service", "team")
    list_select_related = ("service", "team")
    fields = (
        "service",
        "team",
        "name_cy",
        "name_en",
        "words_cy",
        "words_en",
        "open311_code",
        "public",
        "confidential",
        "active",
        "ordering",
    )
