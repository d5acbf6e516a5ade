"""The inbound channels' records: department mailboxes, inbound messages, the quarantine."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.encrypted_fields import EncryptedSecretField
from common.models import TimeStampedModel
from standards.channels import Channel


class Mailbox(TimeStampedModel):
    """A department mailbox that a beat job fetches over IMAP; its mail becomes the service's
    cases."""

    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.PROTECT,
        related_name="mailboxes",
        verbose_name=_("service"),
    )
    address = models.EmailField(_("e-mail address"), unique=True)
    # Without a server the mailbox only receives mail pushed to the API (a mail server that
    # delivers to Cyswllt itself).
    host = models.CharField(_("IMAP server"), max_length=200, blank=True)
    port = models.PositiveIntegerField(_("IMAP port"), default=993)
    use_ssl = models.BooleanField(_("use TLS"), default=True)
    username = models.CharField(_("IMAP user name"), max_length=200, blank=True)
    # Encrypted at rest (common/encrypted_fields.py); the admin never shows it back.
    password = EncryptedSecretField(_("IMAP password"), max_length=200, blank=True)
    folder = models.CharField(_("folder to read"), max_length=200, default="INBOX")
    is_active = models.BooleanField(_("fetch mail"), default=True)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)

    class Meta:
        ordering = ["address"]
        verbose_name = _("department mailbox")
        verbose_name_plural = _("department mailboxes")
        # The service-integration role: systems that push inbound mail and webhooks hold it.
        permissions = [("deliver_inbound", _("Can deliver inbound messages"))]

    def __str__(self) -> str:
        return self.address


class InboundMessage(models.Model):
    """Every inbound message accepted onto a case — the one that opened it and each reply
    threaded to it — keyed by the channel's own id so that a message seen twice counts once."""

    source_key = models.CharField(_("source message"), max_length=1024, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    case = models.ForeignKey(
        "contacts.Case",
        on_delete=models.CASCADE,
        related_name="inbound_messages",
        verbose_name=_("case"),
    )
    opened_case = models.BooleanField(_("opened the case"), default=False)
    sender = models.CharField(_("from"), max_length=320, blank=True)
    subject = models.CharField(_("subject"), max_length=998, blank=True)
    body = models.TextField(_("text"), blank=True)
    body_html = models.TextField(_("sanitised HTML"), blank=True)
    automatic = models.BooleanField(_("sent by a machine"), default=False)
    mailbox = models.ForeignKey(
        Mailbox,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mailbox"),
    )
    received_at = models.DateTimeField(_("received"))
    created_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")

    def __str__(self) -> str:
        return self.source_key


class QuarantineReason(models.TextChoices):
    MALFORMED = "malformed", _("Could not be read")
    TOO_LARGE = "too_large", _("Too large")
    ATTACHMENT_REFUSED = "attachment_refused", _("Attachment refused")
    NO_SERVICE = "no_service", _("No service to receive it")
    REFUSED = "refused", _("Refused by the case rules")
    TOO_COMPLEX = "too_complex", _("Too complex to read safely")
    SENDER_MISMATCH = "sender_mismatch", _("Sender does not match the case")
    NOT_STORED = "not_stored", _("Could not be stored")


class QuarantinedMessage(models.Model):
    """Inbound input that could not become (all of) a case as it stood, kept whole for staff to
    review: nothing that reached the council is lost."""

    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    reason = models.CharField(_("reason"), max_length=24, choices=QuarantineReason.choices)
    detail = models.TextField(_("detail"), blank=True)
    raw = models.BinaryField(_("raw input"))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    mailbox = models.ForeignKey(
        Mailbox,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mailbox"),
    )
    case = models.ForeignKey(
        "contacts.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
        help_text=_("The case made from what could be read, if any."),
    )
    received_at = models.DateTimeField(_("received"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(
                fields=["-received_at"],
                name="quarantine_to_review",
                condition=models.Q(reviewed_at__isnull=True),
            )
        ]
        verbose_name = _("quarantined message")
        verbose_name_plural = _("quarantined messages")

    def __str__(self) -> str:
        return f"{self.channel} {self.reason} {self.received_at:%Y-%m-%d %H:%M}"


class Open311Client(models.Model):
    """A system that reports problems through Open311 (FixMyStreet, a council's own app), with
    a key of its own: never an API token (the staff API's tokens are another matter).

    Only a hash of the key is kept (``open311/keys.py``); the key itself is shown once, when
    it is issued in the admin. The client acts through an account of its own, which cannot
    sign in: the audit of reads names that account, and every request the client sent is
    keyed by it (``open311.services.submission_prefix``), so it reads back only those."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="open311_client",
        verbose_name=_("account"),
    )
    # The key's public first part finds its row; the rest is checked against the hash.
    key_prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=200, editable=False)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive client's key is refused.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")

    def __str__(self) -> str:
        return self.name
