from datetime import UTC, datetime

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.defaultfilters import linebreaksbr
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from standards.selectors import case_rules_forget

# Registers the outbox's admin.
from . import admin_outbox  # noqa: F401
from .domain.replies import ReplyLanguage
from .messages import format_date, render, welsh_welcome
from .models import MessageTemplate
from .privacy_link import privacy_url

SAMPLE_DUE = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)
SAMPLE_NEW_DUE = datetime(2026, 3, 30, 17, 0, tzinfo=UTC)
# Sample officer's words for the preview, as an officer would write them in each language.
SAMPLE_MESSAGE = {
    "cy": "Byddwn yn casglu'r bin a fethwyd ddydd Iau.",
    "en": "We will collect the missed bin on Thursday.",
}
SAMPLE_REASON = {
    "cy": "Mae angen i'n peiriannydd ymweld â'r safle yn gyntaf.",
    "en": "Our engineer needs to visit the site first.",
}


def sample_values(template: MessageTemplate, code: str) -> dict[str, str]:
    with translation.override(code):
        return {
            "reference": "CYS-2026-004213",
            "customer_name": "Siân Jones",
            "next_steps": getattr(template, f"next_steps_{code}") or "",
            "handler": "Gwastraff ac Ailgylchu" if code == "cy" else "Waste and Recycling",
            "due_date": format_date(SAMPLE_DUE, code),
            "service_contact": "01824 706000 · gwastraff@example.gov.wales",
            "welsh_welcome": welsh_welcome(),
            "privacy_url": privacy_url(code),
            "message": SAMPLE_MESSAGE[code],
            "reason": SAMPLE_REASON[code],
            "new_due_date": format_date(SAMPLE_NEW_DUE, code),
            "officer_name": "Rhys Evans",
            "return_date": format_date(SAMPLE_NEW_DUE, code),
            "alternative_contact": "Carys Owen, carys.owen@example.gov.wales, 01824 706001",
        }


@admin.register(MessageTemplate)
class MessageTemplateAdmin(TranslationAdmin):
    list_display = ("standard", "purpose", "method", "subject")
    list_filter = ("purpose", "method", "standard")
    list_select_related = ("standard",)
    readonly_fields = ("preview",)
    fields = ("standard", "purpose", "method", "subject", "body", "next_steps", "preview")

    # Case creation keeps the set of templates in use per process (``has_template``): a
    # template added, moved or removed renews it everywhere.
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        case_rules_forget()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        case_rules_forget()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        case_rules_forget()

    @admin.display(description=_("Preview with sample details"))
    def preview(self, template: MessageTemplate) -> str:
        if template.pk is None:
            return _("Save the template to see a preview.")
        if template_errors := self._errors(template):
            return format_html("<p>{}</p>", template_errors)
        values = {code: sample_values(template, code) for code in ("cy", "en")}
        shown = [
            render(template, language, values)
            for language in (ReplyLanguage.WELSH, ReplyLanguage.ENGLISH)
        ]
        # Lines kept with <br>, not a style attribute, which the Content-Security-Policy
        # refuses (docs/adr/0028).
        return format_html_join(
            "",
            '<h3 lang="{}">{}</h3><p lang="{}">{}</p>',
            (
                (m.language.value, m.subject, m.language.value, linebreaksbr(m.body, True))
                for m in shown
            ),
        )

    @staticmethod
    def _errors(template: MessageTemplate) -> str:
        try:
            template.clean()
        except ValidationError as error:
            return " ".join(str(message) for message in error.messages)
        return ""
