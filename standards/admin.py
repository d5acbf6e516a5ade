from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin_labels import LabelledInlineMixin

from .models import Behaviour, BusinessHours, Standard, Target
from .selectors import case_rules_forget


class BehaviourInline(LabelledInlineMixin, TranslationTabularInline):
    model = Behaviour
    extra = 0
    fields = ("position", "text")


class TargetInline(LabelledInlineMixin, admin.TabularInline):
    model = Target
    extra = 0
    fields = (
        "milestone",
        "rule",
        "amount",
        "written_description",
        "due_soon_working_days",
        "due_soon_fraction",
    )
    readonly_fields = ("written_description",)

    @admin.display(description=_("Description"))
    def written_description(self, target: Target) -> str:
        """Written from the milestone, rule and amount in the page's language
        (standards/wording.py); a new row has none until it is saved."""
        return target.description if target.pk else "–"


class ForgetsCaseRules:
    """Changes here alter how new cases are given their deadlines: drop the cached rules."""

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        case_rules_forget()

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)  # type: ignore[misc]
        case_rules_forget()

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        case_rules_forget()


@admin.register(Standard)
class StandardAdmin(ForgetsCaseRules, TranslationAdmin):
    list_display = (
        "code",
        "event",
        "commitment",
        "channel",
        "case_kind",
        "selectable",
        "is_active",
    )
    list_filter = ("section", "channel", "selectable", "is_active")
    search_fields = ("code", "event_cy", "event_en", "commitment_cy", "commitment_en")
    inlines = [BehaviourInline, TargetInline]


@admin.register(BusinessHours)
class BusinessHoursAdmin(ForgetsCaseRules, admin.ModelAdmin):
    list_display = ("__str__", "opens", "closes")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return not BusinessHours.objects.exists()
