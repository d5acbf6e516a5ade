from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from common.errors import ServiceError

from .models import LegalHold, RetentionRule
from .services.holds import legal_hold_release


@admin.register(RetentionRule)
class RetentionRuleAdmin(TranslationAdmin):
    list_display = ("name", "kind", "service", "confidential_only", "months", "action")
    list_filter = ("kind", "action", "confidential_only")
    fields = ("name", "kind", "service", "confidential_only", "months", "action", "basis")


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ("pk", "case", "customer", "placed_by", "placed_at", "released_at")
    list_filter = ("released_at",)
    raw_id_fields = ("case", "customer")
    fields = ("case", "customer", "reason")
    actions = ["release"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # What was held and why stays as it was placed; a hold changes only by its release.
        return ("case", "customer", "reason") if obj else ()

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # released, never deleted: the record of the hold stays

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            obj.placed_by = request.user
            obj.placed_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Release the chosen legal holds"))
    def release(self, request, queryset):  # type: ignore[no-untyped-def]
        released = 0
        for hold_id in queryset.filter(released_at__isnull=True).values_list("pk", flat=True):
            try:
                legal_hold_release(hold_id=hold_id, by=request.user)
            except ServiceError:
                continue  # released by someone else meanwhile
            released += 1
        self.message_user(
            request, _("Legal holds released: %(count)d.") % {"count": released}, messages.SUCCESS
        )
