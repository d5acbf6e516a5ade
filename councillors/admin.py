from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    CommunityCouncil,
    CouncilMeeting,
    EnquiryUpdate,
    MemberEnquiry,
    MemberProfile,
    Ward,
    WardEvent,
)


@admin.register(Ward)
class WardAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_cy", "name_en", "areas")
    filter_horizontal = ("councillors",)


@admin.register(CommunityCouncil)
class CommunityCouncilAdmin(TranslationAdmin):
    list_display = ("code", "name", "copy_councillors")
    search_fields = ("code", "name_cy", "name_en")
    filter_horizontal = ("wards", "clerks")


@admin.register(MemberProfile)
class MemberProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "contact_method", "sees_ward_enquiries")
    list_filter = ("contact_method", "sees_ward_enquiries")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    raw_id_fields = ("user",)
    # The feed's secret is the councillor's to see and change, from their calendar page.
    exclude = ("calendar_token",)


@admin.register(MemberEnquiry)
class MemberEnquiryAdmin(admin.ModelAdmin):
    list_display = ("case", "on_behalf_of", "ward", "community_council")
    list_filter = ("on_behalf_of",)
    raw_id_fields = ("case", "ward", "community_council", "copied")


@admin.register(EnquiryUpdate)
class EnquiryUpdateAdmin(admin.ModelAdmin):
    list_display = ("case", "kind", "responsible", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("case", "author")


@admin.register(WardEvent)
class WardEventAdmin(TranslationAdmin):
    list_display = ("title", "kind", "starts_at", "ends_at", "status", "announced_at")
    list_filter = ("kind", "status")
    search_fields = ("title_cy", "title_en", "location")
    filter_horizontal = ("wards",)
    readonly_fields = ("uid", "sequence", "announced_at")


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(admin.ModelAdmin):
    """Meetings, to correct a title or date; papers are attached (and checked) by the clerk's
    page only, and an entry's history is written by ``councillors.history`` only."""

    list_display = ("title", "council", "held_on")
    list_filter = ("council",)
    search_fields = ("title",)
    raw_id_fields = ("council", "created_by")
