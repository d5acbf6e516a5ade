"""The one table of messages to a person (customers, councillors and clerks, staff) and the
wording administrators edit for customers' messages."""

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.template import Template, TemplateSyntaxError
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel

from .domain.replies import ReplyMethod

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_EVERY_MESSAGE = (
    "reference",
    "customer_name",
    "handler",
    "service_contact",
    "welsh_welcome",
    # The privacy notice's address in the message's language (``messaging.privacy_link``).
    "privacy_url",
)
#: Administrators edit templates, so only plain placeholders and optional parts are allowed:
#: no filters, loads or includes that could reach beyond the message.
ALLOWED_TAGS = ("if", "else", "endif")

_VARIABLE = re.compile(r"{{\s*([^}]*?)\s*}}")
_TAG = re.compile(r"{%\s*(\w+)([^%]*)%}")


class Purpose(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    REPLY = "reply", _("Reply from an officer")
    CONFIRMATION = "confirmation", _("Who is dealing with it, and when")
    EXTENSION = "extension", _("Extension notice")
    # When the officer will call back a voicemail they acknowledged (SPEC §10).
    CALLBACK = "callback", _("Callback time")
    RESOLUTION = "resolution", _("Resolution")
    OUT_OF_OFFICE = "out_of_office", _("Out-of-office reply")
    RUNNING_LATE = "running_late", _("Running late for an appointment")
    REBOOKED = "rebooked", _("Appointment cancelled and re-booked")
    # Written by the app that owes them, not from the templates administrators edit.
    MEMBER_NOTICE = "member_notice", _("Notice to a councillor or clerk")
    SLA_ALERT = "sla_alert", _("Deadline alert to staff")
    TRANSFER_NOTICE = "transfer_notice", _("Transfer notice to staff")
    COMPLIMENT = "compliment", _("Compliment passed on")
    COVER_NOTICE = "cover_notice", _("Voicemail notice to the colleague covering")
    # A councillor commented on a Members' Events Calendar entry: its officer is told.
    MEMBER_COMMENT = "member_comment", _("Councillor's comment to the officer")
    # The link a resident follows to confirm their consultation response (docs/adr/0034).
    CONSULTATION_CHECK = "consultation_check", _("Consultation response e-mail check")


#: What administrators word in message templates: the messages to customers.
TEMPLATE_PURPOSES = (
    Purpose.ACKNOWLEDGEMENT,
    Purpose.REPLY,
    Purpose.CONFIRMATION,
    Purpose.EXTENSION,
    Purpose.CALLBACK,
    Purpose.RESOLUTION,
    Purpose.OUT_OF_OFFICE,
    Purpose.RUNNING_LATE,
    Purpose.REBOOKED,
)


class RecipientKind(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    MEMBER = "member", _("Councillor or clerk")
    STAFF = "staff", _("Member of staff")


#: What a template may refer to, by purpose; ``messaging.messages`` fills them in.
TEMPLATE_VARIABLES: dict[str, tuple[str, ...]] = {
    Purpose.ACKNOWLEDGEMENT: (
        "reference",
        "customer_name",
        "next_steps",
        "handler",
        "due_date",
        "service_contact",
        "welsh_welcome",
        "privacy_url",
    ),
    # ``message`` is what the officer wrote.
    Purpose.REPLY: (*_EVERY_MESSAGE, "message"),
    # ``officer``: the officer dealing with it (empty when only a team is); ``due_date``: when
    # the full response will come.
    Purpose.CONFIRMATION: (*_EVERY_MESSAGE, "officer", "due_date"),
    Purpose.EXTENSION: (*_EVERY_MESSAGE, "reason", "new_due_date"),
    # ``callback_date``: the day, as that language writes it; ``callback_time``: the time agreed
    # ("14:30"), empty when the call will be by the end of that day.
    Purpose.CALLBACK: (*_EVERY_MESSAGE, "callback_date", "callback_time"),
    # ``satisfaction_link``: the one-click satisfaction question (performance.satisfaction).
    Purpose.RESOLUTION: (*_EVERY_MESSAGE, "message", "satisfaction_link"),
    # The booked day and time, the delay in minutes and when the officer now expects to be
    # there (the same day): "let them know how long you will be", "why and when".
    Purpose.RUNNING_LATE: (
        *_EVERY_MESSAGE,
        "reason",
        "minutes",
        "appointment_date",
        "appointment_time",
        "expected_time",
    ),
    # The day and time given up and the one offered instead, each as "Monday 7 December 2026
    # at 10:30".
    Purpose.REBOOKED: (*_EVERY_MESSAGE, "reason", "previous_time", "new_time"),
    Purpose.OUT_OF_OFFICE: (
        *_EVERY_MESSAGE,
        "officer_name",
        "return_date",
        "alternative_contact",
    ),
}


class Method(models.TextChoices):
    EMAIL = ReplyMethod.EMAIL.value, _("E-mail")
    SMS = ReplyMethod.SMS.value, _("Text message")
    LETTER = ReplyMethod.LETTER.value, _("Printed letter")
    FAX = ReplyMethod.FAX.value, _("Fax")


#: The methods a message is worded for and a person may choose to be written to by: a fax is
#: only ever a reply to a customer who faxed, worded as a letter (``messages.WORDED_AS``).
WRITTEN_METHODS = [(method.value, method.label) for method in Method if method != Method.FAX]


def template_problems(text: str, purpose: str = "acknowledgement") -> list["StrOrPromise"]:
    """What is wrong with a template text, in words an administrator can act on."""
    allowed = TEMPLATE_VARIABLES.get(purpose, _EVERY_MESSAGE)
    problems: list[StrOrPromise] = []
    for expression in _VARIABLE.findall(text):
        if expression not in allowed:
            problems.append(
                _("Unknown placeholder {{ %(name)s }}. Use: %(allowed)s.")
                % {"name": expression, "allowed": ", ".join(allowed)}
            )
    for tag, rest in _TAG.findall(text):
        condition = rest.strip()
        if tag not in ALLOWED_TAGS:
            problems.append(_("Only the if, else and endif tags may be used."))
        elif tag == "if" and condition not in allowed:
            problems.append(
                _("An if tag can only test a placeholder, not “%(condition)s”.")
                % {"condition": condition}
            )
    if not problems:
        try:
            Template(text)
        except TemplateSyntaxError as error:
            problems.append(_("The template cannot be read: %(error)s") % {"error": error})
    return problems


class MessageTemplate(TimeStampedModel):
    """The wording of one kind of message for one standard and one method, in both languages."""

    standard = models.ForeignKey(
        "standards.Standard",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_templates",
        verbose_name=_("standard"),
        help_text=_("Leave empty for the wording used by every standard without its own."),
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=24,
        choices=[(purpose.value, purpose.label) for purpose in TEMPLATE_PURPOSES],
    )
    # Faxes are worded by the letter templates (``messages.WORDED_AS``).
    method = models.CharField(
        _("method"),
        max_length=8,
        choices=WRITTEN_METHODS,
    )
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    next_steps = models.TextField(
        _("what happens next"),
        blank=True,
        help_text=_("Shown where the body says {{ next_steps }}."),
    )

    class Meta:
        ordering = ["standard__position", "purpose", "method"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "purpose", "method"], name="one_template_per_use"
            ),
            models.UniqueConstraint(
                fields=["purpose", "method"],
                condition=models.Q(standard__isnull=True),
                name="one_default_template_per_use",
            ),
        ]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self) -> str:
        standard = self.standard.code if self.standard is not None else _("Every standard")
        return f"{standard} · {self.get_purpose_display()} · {self.get_method_display()}"

    def clean(self) -> None:
        errors: dict[str, list[StrOrPromise]] = {}
        for field in ("subject_cy", "subject_en", "body_cy", "body_en"):
            problems = template_problems(getattr(self, field, "") or "", self.purpose)
            if problems:
                errors[field] = problems
        for field in ("body_cy", "body_en"):
            body = getattr(self, field, "") or ""
            if not body.strip():
                errors.setdefault(field, []).append(_("Write the message in both languages."))
            # UK GDPR: people are told where the privacy notice is when their details are
            # first taken, and the acknowledgement is the council's first word (issue 17).
            elif self.purpose == Purpose.ACKNOWLEDGEMENT and (
                "privacy_url" not in _VARIABLE.findall(body)
            ):
                errors.setdefault(field, []).append(
                    str(
                        _(
                            "An acknowledgement must link to the privacy notice: add "
                            "{{ privacy_url }}."
                        )
                    )
                )
        if errors:
            raise ValidationError(errors)


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    TO_POST = "to_post", _("Ready to post")
    FAILED = "failed", _("Failed")
    #: An automatic message over the per-address limit (``messaging.flood``): never sent.
    LIMITED = "limited", _("Not sent: too many to one address")
    #: Owed when a backup was taken and restored since: it may have gone after the backup, so
    #: it waits for a person to release or cancel it (``messaging.holds``); nothing sends it.
    HELD = "held", _("Held for review")
    CANCELLED = "cancelled", _("Cancelled after review")


class OutboundMessage(models.Model):
    """The one outbox: every message owed to a person — a customer, a councillor or clerk, a
    member of staff — written in the same transaction as what caused it, and delivered by a
    worker (``messaging.delivery``).

    ``key`` names the message's reason (e.g. ``case:CYS-2026-000042:acknowledgement``) and is
    unique, so the same message is never owed twice. The text is rendered once, before the first
    attempt, and kept, so a retry sends exactly what the first attempt tried to.
    ``handed_over_at`` is set just before the message is handed to its provider and ``state``
    becomes sent the moment the provider accepts it, so a worker that dies repeats at most the
    one message it was handing over, and the repeat is known as one.
    """

    # Unique by the constraint in Meta, not unique=True: that would add a second index for LIKE
    # look-ups, which nothing makes, to every message and every alert the sweep owes.
    key = models.CharField(_("key"), max_length=120)
    recipient_kind = models.CharField(
        _("recipient is"),
        max_length=8,
        choices=RecipientKind.choices,
        default=RecipientKind.CUSTOMER,
    )
    case = models.ForeignKey(  # served by the (case, created_at) index
        "contacts.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("case"),
        db_index=False,
    )
    person = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages_received",
        verbose_name=_("to the user"),
        help_text=_("The councillor, clerk or member of staff the message is to."),
    )
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    language = models.CharField(_("language"), max_length=5)
    recipient = models.CharField(_("to"), max_length=500)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    body = models.TextField(_("body"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    #: The worker's claim: kept alive by its heartbeat while it works.
    claim_token = models.CharField(_("claimed by"), max_length=32, blank=True)
    handed_over_at = models.DateTimeField(_("handed to the provider"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    #: When what the message did was put on record: its timeline entry and the acknowledgement
    #: it gave. Empty while a message accepted by its provider still waits for that (a batch
    #: records its messages together; beat records those a worker that died left behind).
    recorded_at = models.DateTimeField(_("recorded on the case"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"))
    author = models.ForeignKey(  # indexed where set (Meta): most messages have no author
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="+",
        verbose_name=_("from officer"),
        help_text=_("The officer whose signature the message carries."),
    )
    provider_reference = models.CharField(_("provider's reference"), max_length=100, blank=True)
    large_print = models.BooleanField(_("large print"), default=False)
    document = models.FileField(
        _("printable letter"), upload_to="letters/%Y/%m/", max_length=300, blank=True
    )
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)
    posted_by = models.ForeignKey(  # indexed where set (Meta): only letters are posted
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="+",
        verbose_name=_("posted by"),
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["key"], name="message_key_unique")]
        indexes = [
            models.Index(
                fields=["author"], name="message_author", condition=models.Q(author__isnull=False)
            ),
            models.Index(
                fields=["posted_by"],
                name="message_posted_by",
                condition=models.Q(posted_by__isnull=False),
            ),
            # The re-dispatch job reads only the messages still owed.
            models.Index(
                fields=["next_attempt_at"],
                name="message_owed",
                condition=models.Q(state__in=["queued", "sending"]),
            ),
            # The messages that failed for good, counted by /metrics at every scrape (a handful
            # among millions sent).
            models.Index(
                fields=["method"], name="message_failed", condition=models.Q(state="failed")
            ),
            # The print queue: letters rendered and waiting to be posted.
            models.Index(
                fields=["created_at"],
                name="message_to_post",
                condition=models.Q(state="to_post"),
            ),
            # Messages accepted by their provider whose timeline entry is still owed.
            models.Index(
                fields=["id"],
                name="message_unrecorded",
                condition=models.Q(state__in=["sent", "to_post"], recorded_at__isnull=True),
            ),
            models.Index(fields=["case", "created_at"], name="message_case_time"),
            # The per-address limit on automatic replies (outbox.AUTOMATIC_PURPOSES) is its only
            # reader: the sweep's alerts and other messages need not keep it up to date.
            models.Index(
                fields=["recipient", "created_at"],
                name="message_recipient_time",
                condition=models.Q(purpose__in=["acknowledgement", "out_of_office"]),
            ),
        ]
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")

    def __str__(self) -> str:
        return self.key
