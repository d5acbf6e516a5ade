from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Ward


@admin.register(Ward)
class WardAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_cy", "name_en")
    filter_horizontal = ("councillors",)
