from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from common.admin_labels import LabelledInlineMixin
from standards.models import ClosureDay

from .domain.customer_records import EDITABLE_FIELDS
from .models import Attachment, Case, CaseEvent, Customer, CustomerEvent, Milestone
from .services.closures import closure_day_add, closure_day_remove
from .services.customers import customer_update


class CustomerEventInline(LabelledInlineMixin, admin.TabularInline):
    model = CustomerEvent
    extra = 0
    fields = ("created_at", "kind", "actor", "payload")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    """A change made here is recorded like one made on the customer's page (ADR 0019)."""

    list_display = ("name", "email", "phone", "postcode", "preferred_language")
    search_fields = ("name", "email", "phone", "postcode")
    list_filter = ("preferred_language", "preferred_contact_method", "large_print", "bsl")
    inlines = [CustomerEventInline]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            obj.save()
            return
        customer_update(
            customer_id=obj.pk,
            changes={
                name: form.cleaned_data[name]
                for name in EDITABLE_FIELDS
                if name in form.cleaned_data
            },
            actor=request.user,
        )


class MilestoneInline(LabelledInlineMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("kind", "due_at", "due_soon_at", "state", "met_at", "extension_reason")
    readonly_fields = fields
    can_delete = False


class EventInline(LabelledInlineMixin, admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ("created_at", "kind", "actor", "payload", "text")
    readonly_fields = fields
    can_delete = False


class AttachmentInline(LabelledInlineMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("filename", "content_type", "size", "file")
    readonly_fields = ("filename", "content_type", "size")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read mostly: changes to a case go through its actions so the timeline stays whole."""

    list_display = ("reference", "channel", "kind", "status", "service", "owner", "received_at")
    list_filter = ("channel", "kind", "status", "service", "language", "confidential")
    search_fields = ("reference", "summary", "customer__name")
    list_select_related = ("service", "owner")
    date_hierarchy = "received_at"
    readonly_fields = (
        "reference",
        "channel",
        "contact_type",
        "kind",
        # Decided once, when the case is logged (docs/adr/0018).
        "confidential",
        "status",
        "standard",
        "received_at",
        "channel_details",
        "source_key",
        "reopened_count",
        "resolved_at",
        "closed_at",
        "submitted_by",
        "request_type",
    )
    raw_id_fields = ("customer", "owner", "team")
    inlines = [MilestoneInline, EventInline, AttachmentInline]


@admin.register(ClosureDay)
class ClosureDayAdmin(TranslationAdmin):
    """Adding or removing a closure moves the open deadlines that count across it."""

    list_display = ("date", "reason")
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if change:
            previous = ClosureDay.objects.get(pk=obj.pk)
            if previous.date == obj.date:
                obj.save()
                return
            closure_day_remove(closure=previous)
        added, _moved = closure_day_add(
            day=obj.date, reason_cy=obj.reason_cy or "", reason_en=obj.reason_en or ""
        )
        obj.pk = added.pk

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        closure_day_remove(closure=obj)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for closure in queryset:
            closure_day_remove(closure=closure)
