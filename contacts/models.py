"""Customers, cases, milestones and the timeline."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from standards import milestone_kinds
from standards.channels import Channel

from . import searchable
from .domain import lifecycle


class LanguagePreference(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    UNKNOWN = "", _("Not known")


class ContactMethod(models.TextChoices):
    ANY = "", _("No preference")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    TEXT = "text", _("Text message")
    LETTER = "letter", _("Letter")
    FAX = "fax", _("Fax")


class Customer(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    phone = models.CharField(_("telephone number"), max_length=30, blank=True, db_index=True)
    address = models.TextField(_("postal address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True, db_index=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, blank=True, choices=LanguagePreference.choices
    )
    preferred_contact_method = models.CharField(
        _("preferred contact method"), max_length=8, blank=True, choices=ContactMethod.choices
    )
    large_print = models.BooleanField(_("needs large print"), default=False)
    bsl = models.BooleanField(_("needs a British Sign Language interpreter"), default=False)
    interpreter_language = models.CharField(
        _("needs an interpreter for"), max_length=60, blank=True
    )
    other_needs = models.TextField(_("other accessibility needs"), blank=True)

    class Meta:
        ordering = ["name"]
        # Search looks customers up by any of these, as people type them (contacts/search.py).
        indexes = [
            GinIndex(searchable.customer_name_vector(), name="customer_name_search"),
            models.Index(searchable.email_upper(), name="customer_email_upper"),
            models.Index(searchable.phone_digits(), name="customer_phone_digits"),
            # Postcodes, whole or by their first half (search), and one person entered twice at
            # one address, the name compared in the index rather than on each of the postcode's
            # records (a street's postcode is shared by dozens; contacts/duplicates.py).
            models.Index(
                OpClass(searchable.postcode_compact(), name="text_pattern_ops"),
                searchable.name_upper(),
                name="customer_postcode_name",
            ),
            # The possible duplicates list starts from the records added lately
            # (contacts/duplicates.py).
            models.Index(fields=["created_at"], name="customer_created"),
        ]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self) -> str:
        return self.name


class CustomerEventKind(models.TextChoices):
    CHANGED = "changed", _("Details changed")
    MERGED = "merged", _("Another record merged into this one")


class CustomerEvent(models.Model):
    """The customer record's history: who changed which of its fields and when, and which
    duplicate records were merged into it (written only by ``contacts.services.customers``;
    what the payload keeps is ``contacts.domain.customer_records``', docs/adr/0019)."""

    customer = models.ForeignKey(  # served by the (customer, created_at) index
        Customer,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("customer"),
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CustomerEventKind.choices)
    created_at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Changed: {"fields": [...], "values": {...}}; merged: {"merged_customer": id,
    # "from_merged": [...], "from_kept": [...], "cases_moved": n}. Field names, not sentences.
    payload = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["customer", "-created_at"], name="customer_event_time")]
        verbose_name = _("customer history entry")
        verbose_name_plural = _("customer history")

    def __str__(self) -> str:
        return f"{self.customer_id} {self.kind}"


class CaseKind(models.TextChoices):
    ENQUIRY = "enquiry", _("Enquiry")
    SERVICE_REQUEST = "service_request", _("Service request")
    COMPLAINT = "complaint", _("Complaint")
    COMPLIMENT = "compliment", _("Compliment")
    FEEDBACK = "feedback", _("Feedback or suggestion")
    COUNCILLOR_ENQUIRY = "councillor_enquiry", _("Councillor enquiry")
    WEB_CONTENT_CHANGE = "web_content_change", _("Web content change")
    # A request for the personal data held about someone (UK GDPR art. 15, docs/adr/0031).
    SUBJECT_ACCESS = "subject_access", _("Subject access request")
    # Urgent information for the public, published in English first (docs/adr/0033).
    EMERGENCY_INFORMATION = "emergency_information", _("Emergency information")


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_CUSTOMER = "awaiting_customer", _("Awaiting customer")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


#: In a fixed order, so that the partial indexes' conditions do not change between runs.
OPEN_CASE_STATUSES = tuple(sorted(lifecycle.OPEN))


class Case(TimeStampedModel):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    contact_type = models.CharField(_("contact type"), max_length=24, blank=True)
    kind = models.CharField(
        _("kind"), max_length=24, choices=CaseKind.choices, default=CaseKind.ENQUIRY
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    standard = models.ForeignKey(
        "standards.Standard",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("standard"),
    )
    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("service"),
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("team"),
    )
    # What the contact was about, from the routing table, when someone chose or suggested it.
    # Not indexed: only deleting a request type (rare, and refused while cases use it) looks
    # cases up by it, and every case creation would pay for the index.
    request_type = models.ForeignKey(
        "routing.RequestType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("request type"),
        db_index=False,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_cases",
        verbose_name=_("owner"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_cases",
        verbose_name=_("submitted by"),
        help_text=_("The councillor or clerk who raised the enquiry on a resident's behalf."),
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("customer"),
    )
    # Not known until someone reads it, for an e-mail or a letter; replies are then bilingual.
    language = models.CharField(
        _("language of the contact"),
        max_length=2,
        blank=True,
        choices=LanguagePreference.choices,
        default=LanguagePreference.UNKNOWN,
    )
    received_at = models.DateTimeField(_("received"))
    summary = models.CharField(_("summary"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    channel_details = models.JSONField(_("channel details"), default=dict, blank=True)
    source_key = models.CharField(
        _("source message"),
        max_length=1024,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The channel's own identifier of the message, so that it makes one case."),
    )
    # Need to know (SPEC §9, docs/adr/0018): a confidential case is read only by those the one
    # visibility policy (contacts/visibility.py) allows, and nobody else learns it exists.
    # Every complaint is one (a constraint); so is any case ``case_create`` is told is.
    confidential = models.BooleanField(_("confidential"), default=False, editable=False)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    # The earliest due time of the open milestones, kept by database triggers on the milestones
    # (migration 0006, docs/adr/0010) so that queues sort and count by an index.
    next_due_at = models.DateTimeField(_("next deadline"), null=True, blank=True, editable=False)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # When the retention schedule (or an erasure) took the case's personal data
    # (contacts/services/anonymisation.py, docs/adr/0030); the case and its statistics stay.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["service", "status", "-received_at"], name="case_service_status"),
            models.Index(fields=["owner", "status"], name="case_owner_status"),
            models.Index(fields=["submitted_by", "-received_at"], name="case_submitter"),
            models.Index(fields=["-received_at"], name="case_received"),
            # My work and the team queue: open cases by their next deadline. The service leads,
            # since the queues list the user's service's work (selectors.service_work); without
            # it PostgreSQL prefers to AND these with the service's whole bitmap. The columns
            # the visibility policy tests ride along, so a queue's counts are read from the
            # index alone (an advisor with 4,600 open cases: 19 ms of heap reads -> ~1 ms).
            models.Index(
                fields=["service", "owner", "next_due_at"],
                name="case_owner_open_due",
                condition=Q(status__in=OPEN_CASE_STATUSES),
                include=["confidential", "kind"],
            ),
            models.Index(
                fields=["service", "team", "next_due_at"],
                name="case_team_unowned_due",
                condition=Q(status__in=OPEN_CASE_STATUSES, owner__isnull=True),
                include=["confidential", "kind"],
            ),
            # The evaluation's "routed right first time": the cases resolved in a period.
            models.Index(
                fields=["resolved_at"],
                name="case_resolved",
                condition=Q(resolved_at__isnull=False),
            ),
            GinIndex(searchable.case_text_vector("english"), name="case_text_english"),
            GinIndex(searchable.case_text_vector("simple"), name="case_text_simple"),
            # The few confidential cases by service: the policy's second branch, and the pages
            # that list a service's complaints (docs/adr/0018).
            models.Index(
                fields=["service", "kind", "-received_at"],
                name="case_confidential",
                condition=Q(confidential=True),
            ),
            # The retention job's candidates: closed cases not yet anonymised, by closure; the
            # id too, so that a run resuming after (closed_at, id) starts in the index.
            models.Index(
                fields=["closed_at", "id"],
                name="case_retention_due",
                condition=Q(closed_at__isnull=False, anonymised_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=CaseKind.COMPLAINT) | Q(confidential=True),
                name="complaint_is_confidential",
                violation_error_message=_("A complaint is always confidential."),
            ),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    @property
    def right_first_time(self) -> bool:
        return self.reopened_count == 0


class MilestoneState(models.TextChoices):
    PENDING = "pending", _("Pending")
    DUE_SOON = "due_soon", _("Due soon")
    BREACHED = "breached", _("Breached")
    MET = "met", _("Met")
    MET_LATE = "met_late", _("Met late")


OPEN_MILESTONE_STATES = (MilestoneState.PENDING, MilestoneState.DUE_SOON, MilestoneState.BREACHED)


class Milestone(models.Model):
    """One promised deadline of a case, from one target of its standard."""

    # The unique (case, kind) index serves lookups by case; a separate one would only slow
    # the inserts.
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("case"),
        db_index=False,
    )
    # Not indexed: only deleting a target (rare, and refused while milestones use it) looks
    # milestones up by target, and every case creation would pay for the index.
    target = models.ForeignKey(
        "standards.Target",
        on_delete=models.PROTECT,
        related_name="milestones",
        verbose_name=_("target"),
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=24)
    rule = models.CharField(_("rule"), max_length=24)
    starts_at = models.DateTimeField(_("counted from"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    due_soon_at = models.DateTimeField(_("due soon from"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MilestoneState.choices, default=MilestoneState.PENDING
    )
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    met_at = models.DateTimeField(_("met"), null=True, blank=True)
    extended_at = models.DateTimeField(_("extended"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for extension"), blank=True)
    original_due_at = models.DateTimeField(_("originally due"), null=True, blank=True)
    # Bumped whenever the deadline changes (extension, closure day), so alerts about the new
    # deadline are owed afresh.
    revision = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="one_milestone_per_kind"),
        ]
        indexes = [
            # The sweep's two UPDATEs each read one of these partial indexes.
            models.Index(
                fields=["due_soon_at"],
                name="milestone_pending_due_soon",
                condition=Q(state="pending"),
            ),
            models.Index(
                fields=["due_at"],
                name="milestone_open_due",
                condition=Q(state__in=["pending", "due_soon"]),
            ),
            # Reception lists the day's visitors by the time they are expected or arrived.
            models.Index(
                fields=["starts_at"], name="milestone_seen", condition=Q(kind=milestone_kinds.SEEN)
            ),
        ]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_MILESTONE_STATES


class EventKind(models.TextChoices):
    CREATED = "created", _("Case created")
    NOTE = "note", _("Note added")
    STATUS_CHANGED = "status_changed", _("Status changed")
    MILESTONE_MET = "milestone_met", _("Milestone met")
    MILESTONE_DUE_SOON = "milestone_due_soon", _("Milestone due soon")
    MILESTONE_BREACHED = "milestone_breached", _("Milestone breached")
    EXTENDED = "extended", _("Deadline extended")
    DEADLINE_MOVED = "deadline_moved", _("Deadline moved by an office closure")
    REOPENED = "reopened", _("Case reopened")
    TRANSFERRED = "transferred", _("Case transferred")
    CALLBACK_ARRANGED = "callback_arranged", _("Callback arranged")
    REPLY_SENT = "reply_sent", _("Reply sent")
    FAX_SENT = "fax_sent", _("Fax sent")
    LETTER_READY = "letter_ready", _("Letter ready to post")
    MESSAGE_FAILED = "message_failed", _("Message could not be sent")
    # A worker died after handing the message to its provider: it went again, maybe twice.
    MESSAGE_SENT_AGAIN = "message_sent_again", _("Message sent again")
    # A notice about timing, labelled as what it is rather than as a reply (SPEC §10).
    EXTENSION_NOTICE_SENT = "extension_notice_sent", _("Extension notice sent")
    CALLBACK_NOTICE_SENT = "callback_notice_sent", _("Callback time sent")
    VOICEMAIL_ACKNOWLEDGED = "voicemail_acknowledged", _("Voicemail acknowledged")
    VISITOR_ARRIVED = "visitor_arrived", _("Visitor arrived")
    # An appointment or officer visit running late, or moved to another time (SPEC §10).
    RUNNING_LATE = "running_late", _("Running late")
    REBOOKED = "rebooked", _("Appointment re-booked")
    APPOINTMENT_NOTICE_SENT = "appointment_notice_sent", _("Appointment notice sent")
    COMPLAINT_RECORDED = "complaint_recorded", _("Complaint recorded")
    MEMBER_TOLD = "member_told", _("Member told")
    COMPLAINT_ESCALATED = "complaint_escalated", _("Escalated to stage 2")
    COMPLAINT_ACTION = "complaint_action", _("Follow-up action agreed")
    OMBUDSMAN_RECORDED = "ombudsman_recorded", _("Ombudsman referral recorded")
    MADE_INTO_COMPLAINT = "made_into_complaint", _("Made into a complaint")
    MADE_FROM_CASE = "made_from_case", _("Made from a service request")
    CUSTOMER_CHANGED = "customer_changed", _("Customer's details changed")
    CUSTOMER_MERGED = "customer_merged", _("Customer's records merged")
    # A web change or emergency information published in one language, at an address.
    PUBLISHED = "published", _("Page published")


class CaseEvent(models.Model):
    """The timeline: everything that happened to a case, in order (written only through
    ``contacts.timeline``)."""

    case = models.ForeignKey(  # served by the (case, created_at) index
        Case,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("case"),
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    created_at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("milestone"),
    )
    # What happened, as data of the kind's shape (contacts/event_payloads.py), rendered in the
    # reader's language when the timeline is read. Written only by contacts/timeline.py.
    payload = models.JSONField(_("details"), default=dict, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["case", "created_at"], name="event_case_time"),
            # The few transfers that sent a case back from the wrong service (the evaluation's
            # "routed right first time" asks, per case closed, whether one exists).
            models.Index(
                fields=["case"],
                name="event_misrouted",
                condition=Q(kind="transferred", payload__misrouted=True),
            ),
        ]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.case.received_at:%Y/%m}/{instance.case.reference}/{filename}"


class Attachment(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


class ReferenceCounter(models.Model):
    """The last case number given out in a year (references restart at 1 each year)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class AlertTransition(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    BREACHED = "breached", _("Breached")


class Visit(models.Model):
    """A visitor's arrival at reception: checked in for an appointment, or registered at the
    desk as a drop-in (whose arrival is when the case was received).

    When they were seen is the "seen" milestone's ``met_at``; this keeps only what the
    milestone cannot: when they arrived, and who let them in.
    """

    case = models.OneToOneField(
        Case,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="visit",
        verbose_name=_("case"),
    )
    arrived_at = models.DateTimeField(_("arrived"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.case_id} {self.arrived_at:%Y-%m-%d %H:%M}"
