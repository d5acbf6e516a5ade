from django.contrib import admin

from .models import Attachment, Case, CaseEvent, Customer, Milestone


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "phone", "postcode", "preferred_language")
    search_fields = ("name", "email", "phone", "postcode")
    list_filter = ("preferred_language", "preferred_contact_method", "large_print", "bsl")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("kind", "due_at", "due_soon_at", "state", "met_at", "extension_reason")
    readonly_fields = fields
    can_delete = False


class EventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ("created_at", "kind", "actor", "payload", "text")
    readonly_fields = fields
    can_delete = False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("filename", "content_type", "size", "file")
    readonly_fields = ("filename", "content_type", "size")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read mostly: changes to a case go through its actions so the timeline stays whole."""

    list_display = ("reference", "channel", "kind", "status", "service", "owner", "received_at")
    list_filter = ("channel", "kind", "status", "service", "language")
    search_fields = ("reference", "summary", "customer__name")
    list_select_related = ("service", "owner")
    date_hierarchy = "received_at"
    readonly_fields = (
        "reference",
        "channel",
        "contact_type",
        "kind",
        "status",
        "standard",
        "received_at",
        "channel_details",
        "source_key",
        "reopened_count",
        "resolved_at",
        "closed_at",
        "submitted_by",
    )
    raw_id_fields = ("customer", "owner", "team")
    inlines = [MilestoneInline, EventInline, AttachmentInline]
