"""The outbox in the admin: read only, with the printed letters' PDFs, "Mark as posted", and
the release or cancelling of messages held after a restore from backup.

Messages change only through delivery, the print queue and those two actions, so that every
change reaches the case's timeline and its milestones.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.access import signed_in

from .holds import messages_cancel, messages_release
from .models import OutboundMessage
from .print_queue import letter_filename, letters_mark_posted


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "case_reference",
        "purpose",
        "method",
        "language",
        "state",
        "short_recipient",
        "posted_at",
        "letter",
    )
    list_filter = ("state", "method", "purpose")
    # "=": an exact reference uses the index, where a partial one would read every case.
    search_fields = ("=case__reference", "recipient")
    list_select_related = ("case",)
    ordering = ("-created_at", "-id")
    actions = ("mark_posted", "release_held", "cancel_held")
    fields = (
        "key",
        "case",
        "purpose",
        "method",
        "language",
        "large_print",
        "recipient",
        "subject",
        "body",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "provider_reference",
        "author",
        "letter",
        "posted_at",
        "posted_by",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_post_permission(self, request: HttpRequest) -> bool:
        """Posting changes the message, so it needs the right to change one."""
        return request.user.has_perm("messaging.change_outboundmessage")

    def has_review_permission(self, request: HttpRequest) -> bool:
        """Releasing or cancelling a held message changes it, as posting does."""
        return request.user.has_perm("messaging.change_outboundmessage")

    @admin.display(description=_("case"), ordering="case__reference")
    def case_reference(self, message: OutboundMessage) -> str:
        return message.case.reference if message.case else "–"

    @admin.display(description=_("to"))
    def short_recipient(self, message: OutboundMessage) -> str:
        return Truncator(" ".join(message.recipient.split())).chars(60)

    @admin.display(description=_("printable letter"))
    def letter(self, message: OutboundMessage) -> str:
        if not message.document:
            return "–"
        url = reverse("admin:messaging_outboundmessage_letter", args=[message.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download PDF"))

    def get_urls(self) -> list[URLPattern]:
        download = path(
            "<int:pk>/letter.pdf",
            self.admin_site.admin_view(self.letter_download),
            name="messaging_outboundmessage_letter",
        )
        return [download, *super().get_urls()]

    def letter_download(self, request: HttpRequest, pk: int) -> FileResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        message = OutboundMessage.objects.select_related("case").filter(pk=pk).first()
        if message is None or not message.document:
            raise Http404
        try:
            file = message.document.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            file,
            as_attachment=True,
            filename=letter_filename(message),
            content_type="application/pdf",
        )

    @admin.action(description=_("Mark as posted"), permissions=["post"])
    def mark_posted(self, request: HttpRequest, queryset: QuerySet[OutboundMessage]) -> None:
        chosen = list(queryset.values_list("pk", flat=True))
        try:
            moved = letters_mark_posted(message_ids=chosen, by=signed_in(request))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d letter marked as posted.",
                "%(count)d letters marked as posted.",
                len(moved),
            )
            % {"count": len(moved)},
            messages.SUCCESS,
        )
        left = len(chosen) - len(moved)
        if left:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was not waiting to be posted and was left as it was.",
                    "%(count)d messages were not waiting to be posted and were left as they were.",
                    left,
                )
                % {"count": left},
                messages.WARNING,
            )

    @admin.action(description=_("Release held messages for sending"), permissions=["review"])
    def release_held(self, request: HttpRequest, queryset: QuerySet[OutboundMessage]) -> None:
        chosen = list(queryset.values_list("pk", flat=True))
        released = messages_release(message_ids=chosen, now=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d held message released for sending.",
                "%(count)d held messages released for sending.",
                released,
            )
            % {"count": released},
            messages.SUCCESS,
        )
        self._not_held(request, len(chosen) - released)

    @admin.action(description=_("Cancel held messages: never send them"), permissions=["review"])
    def cancel_held(self, request: HttpRequest, queryset: QuerySet[OutboundMessage]) -> None:
        chosen = list(queryset.values_list("pk", flat=True))
        cancelled = messages_cancel(message_ids=chosen)
        self.message_user(
            request,
            ngettext(
                "%(count)d held message cancelled; it will not be sent.",
                "%(count)d held messages cancelled; they will not be sent.",
                cancelled,
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )
        self._not_held(request, len(chosen) - cancelled)

    def _not_held(self, request: HttpRequest, left: int) -> None:
        if left:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message was not held for review and was left as it was.",
                    "%(count)d messages were not held for review and were left as they were.",
                    left,
                )
                % {"count": left},
                messages.WARNING,
            )
