"""Department mailboxes and the quarantine in the admin.

Quarantined input is kept whole and read only: staff read what came (the raw bytes as text),
deal with it by hand, and mark it reviewed. A reply held because its sender is not one of the
case's parties can be added to its case once read ("Add to its case").
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.errors import ServiceError

from .inbound.release import quarantined_release
from .models import Mailbox, QuarantinedMessage

#: As much of a quarantined message as the admin page shows.
PREVIEW_BYTES = 20_000


class MailboxForm(forms.ModelForm):
    # Never sent back to the browser (it is stored encrypted, and a page's HTML is easily
    # copied, cached or shown): left empty, the current password stays.
    password = forms.CharField(
        label=_("IMAP password"),
        required=False,
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the current password."),
    )

    class Meta:
        model = Mailbox
        fields = (
            "service",
            "address",
            "host",
            "port",
            "use_ssl",
            "username",
            "password",
            "folder",
            "is_active",
        )

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password") or ""
        if not password and self.instance.pk:
            return self.instance.password
        return password


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    form = MailboxForm
    list_display = ("address", "service", "host", "is_active", "last_fetched_at")
    list_filter = ("is_active", "service")
    search_fields = ("address",)
    list_select_related = ("service",)


@admin.register(QuarantinedMessage)
class QuarantinedMessageAdmin(admin.ModelAdmin):
    list_display = ("received_at", "channel", "reason", "size", "case", "reviewed_at")
    list_filter = ("reason", "channel", ("reviewed_at", admin.EmptyFieldListFilter))
    list_select_related = ("case",)
    ordering = ("-received_at", "-id")
    actions = ("mark_reviewed", "release_to_case")
    fields = (
        "received_at",
        "channel",
        "reason",
        "detail",
        "mailbox",
        "case",
        "size",
        "content",
        "reviewed_at",
        "reviewed_by",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    @admin.display(description=_("what came"))
    def content(self, obj: QuarantinedMessage) -> str:
        text = bytes(obj.raw[:PREVIEW_BYTES]).decode("utf-8", errors="replace")
        # A read-only text box wraps and scrolls the raw message without a style attribute,
        # which the Content-Security-Policy refuses (docs/adr/0028).
        return format_html(
            '<textarea readonly rows="20" cols="100" aria-label="{}">{}</textarea>',
            _("what came"),
            text,
        )

    @admin.action(description=_("Mark as reviewed"), permissions=["view"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.filter(reviewed_at__isnull=True).update(
            reviewed_at=timezone.now(), reviewed_by=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d message marked reviewed.", "%(count)d messages marked reviewed.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Add to its case (replies held because of their sender)"),
        permissions=["view"],
    )
    def release_to_case(self, request: HttpRequest, queryset: QuerySet) -> None:
        added = 0
        for held in queryset.select_related("case"):
            try:
                quarantined_release(held, user=request.user)  # type: ignore[arg-type]
            except ServiceError as error:
                reference = held.case.reference if held.case else str(held.pk)
                self.message_user(
                    request, f"{reference}: {' '.join(error.messages)}", messages.ERROR
                )
                continue
            added += 1
        if added:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message added to its case.",
                    "%(count)d messages added to their cases.",
                    added,
                )
                % {"count": added},
                messages.SUCCESS,
            )
