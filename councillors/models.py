"""Electoral wards and the councillors who represent them; town and community councils and
their clerks; the enquiries members raise, what officers tell them, and the Members' Events
Calendar."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.models import TimeStampedModel
from messaging.models import WRITTEN_METHODS, Method


class Ward(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    councillors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="wards",
        verbose_name=_("councillors"),
        limit_choices_to={"role": "councillor"},
    )
    areas = models.TextField(
        _("postcodes and areas"),
        blank=True,
        help_text=_("The postcodes, villages and streets the ward covers, one a line."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("ward")
        verbose_name_plural = _("wards")

    def __str__(self) -> str:
        return self.name


#: A member is written to the ways a customer can be: e-mail, text or printed letter.
ContactMethod = Method


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class MemberProfile(models.Model):
    """How a councillor or clerk wants to hear from officers, and their calendar's address.

    Their language is the user's own ``preferred_language``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="member_profile",
        verbose_name=_("member"),
    )
    contact_method = models.CharField(
        _("preferred contact method"),
        max_length=8,
        choices=WRITTEN_METHODS,
        default=ContactMethod.EMAIL,
    )
    postal_address = models.TextField(_("postal address"), blank=True)
    sees_ward_enquiries = models.BooleanField(
        _("sees the enquiries of their wards"),
        default=False,
        help_text=_("Besides their own, the enquiries other members raised for their wards."),
    )
    # The secret in the calendar feed's address: whoever holds the address reads the feed, as
    # calendar applications cannot sign in. Regenerating it cuts off every old subscription.
    calendar_token = models.CharField(
        _("calendar feed secret"), max_length=64, unique=True, default=new_calendar_token
    )

    class Meta:
        verbose_name = _("member's contact preferences")
        verbose_name_plural = _("members' contact preferences")

    def __str__(self) -> str:
        return str(self.user)


class CommunityCouncil(models.Model):
    """A town or community council: its clerks log enquiries on its behalf."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    wards = models.ManyToManyField(
        Ward, blank=True, related_name="community_councils", verbose_name=_("wards")
    )
    clerks = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="community_councils",
        verbose_name=_("clerks"),
        limit_choices_to={"role": "clerk"},
    )
    copy_councillors = models.BooleanField(
        _("copy the county councillors in"),
        default=True,
        help_text=_("The county councillors of its wards are told of each enquiry and follow it."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("town or community council")
        verbose_name_plural = _("town and community councils")

    def __str__(self) -> str:
        return self.name


class OnBehalfOf(models.TextChoices):
    RESIDENT = "resident", _("A resident")
    COMMUNITY = "community", _("The community")


class MemberEnquiry(models.Model):
    """What a case raised by a councillor or a clerk carries beyond the case itself."""

    case = models.OneToOneField(
        "contacts.Case",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="member_enquiry",
        verbose_name=_("case"),
    )
    on_behalf_of = models.CharField(
        _("on behalf of"), max_length=10, choices=OnBehalfOf.choices, default=OnBehalfOf.RESIDENT
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        verbose_name=_("ward"),
    )
    community_council = models.ForeignKey(
        CommunityCouncil,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        verbose_name=_("town or community council"),
    )
    copied = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="copied_enquiries",
        verbose_name=_("councillors copied in"),
    )

    class Meta:
        verbose_name = _("member enquiry")
        verbose_name_plural = _("member enquiries")

    def __str__(self) -> str:
        return str(self.case_id)


class UpdateKind(models.TextChoices):
    UPDATE = "update", _("Progress update")
    DELAY = "delay", _("Delay notice")
    COMPLETION = "completion", _("Completed")


class EnquiryUpdate(models.Model):
    """What an officer told the member about their enquiry: who is responsible, what is
    happening, when and why. Unlike the case's notes, members see these."""

    case = models.ForeignKey(
        "contacts.Case",
        on_delete=models.CASCADE,
        related_name="member_updates",
        verbose_name=_("case"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=UpdateKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("officer"),
    )
    responsible = models.CharField(_("who is responsible"), max_length=200)
    what = models.TextField(_("what is happening"), blank=True)
    why = models.TextField(_("why"), blank=True)
    expected_on = models.DateField(_("expected completion"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"))

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="member_update_case")]
        verbose_name = _("update to the member")
        verbose_name_plural = _("updates to members")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class WardEventKind(models.TextChoices):
    PLANNED_WORKS = "planned_works", _("Planned works")
    INITIATIVE = "initiative", _("Local initiative")
    EVENT = "event", _("Event")


class WardEventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class WardEvent(TimeStampedModel):  # type: ignore[django-manager-missing]
    """One entry of the Members' Events Calendar: council work residents will see or feel."""

    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    kind = models.CharField(_("kind"), max_length=16, choices=WardEventKind.choices)
    title = models.CharField(_("what"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    location = models.CharField(_("where"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    responsible = models.CharField(_("who is responsible"), max_length=200)
    effect = models.TextField(_("effect on residents"))
    wards = models.ManyToManyField(Ward, related_name="events", verbose_name=_("wards"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WardEventStatus.choices,
        default=WardEventStatus.PLANNED,
    )
    delay_reason = models.TextField(_("reason for the delay"), blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # The iCalendar SEQUENCE: calendar applications replace their copy when it goes up.
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    # Set when the ward's councillors were first told; later changes are told as changes.
    announced_at = models.DateTimeField(_("councillors told"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            # The advance-notice job reads only the entries nobody has been told of yet.
            models.Index(
                fields=["starts_at"],
                name="ward_event_unannounced",
                condition=Q(announced_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="ward_event_ends_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]
        verbose_name = _("Members' Events Calendar entry")
        verbose_name_plural = _("Members' Events Calendar")

    def __str__(self) -> str:
        return self.title


class EventRecordKind(models.TextChoices):
    """What a line of a calendar entry's history says happened."""

    RECORDED = "recorded", _("Added to the calendar")
    CHANGED = "changed", _("Changed")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    COMMENT = "comment", _("Comment from a councillor")
    ANSWER = "answer", _("Answer from the officer")


class WardEventRecord(models.Model):
    """One line of a calendar entry's history: what officers did to it, what councillors said
    about it and what the officer answered. Written only by ``councillors.history``."""

    event = models.ForeignKey(
        WardEvent,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("calendar entry"),
    )
    kind = models.CharField(_("what happened"), max_length=10, choices=EventRecordKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    text = models.TextField(_("what they wrote"), blank=True)
    # An answer names the comment it answers; nothing else answers anything.
    in_reply_to = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("in reply to"),
    )
    created_at = models.DateTimeField(_("when"))

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "created_at"], name="ward_event_history")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="answer", in_reply_to__isnull=False)
                | (~Q(kind="answer") & Q(in_reply_to__isnull=True)),
                name="ward_event_record_answers_a_comment",
            ),
        ]
        verbose_name = _("line of a calendar entry's history")
        verbose_name_plural = _("calendar entries' history")

    def __str__(self) -> str:
        return f"{self.event_id} {self.kind}"


class PaperKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", pgettext_lazy("meeting papers", "Minutes")
    PAPERS = "papers", _("Meeting papers")


class CouncilMeeting(TimeStampedModel):
    """A meeting of a town or community council, whose clerk shares its papers with the county
    councillors of the council's wards."""

    council = models.ForeignKey(
        CommunityCouncil,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("town or community council"),
    )
    held_on = models.DateField(_("date of the meeting"))
    title = models.CharField(_("meeting"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["council", "-held_on"], name="council_meeting_date")]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%Y-%m-%d})"


def meeting_paper_path(instance: "MeetingPaper", filename: str) -> str:
    # The stored name is ours (a random one): nothing the clerk typed reaches the disk.
    return f"meeting-papers/{instance.meeting.council_id}/{instance.meeting_id}/{filename}"


class MeetingPaper(models.Model):
    """An agenda, minutes or papers of a council meeting: a file checked as case attachments
    are (``contacts.attachments``), stored outside the web root, downloaded only by the
    council's clerks and the county councillors of its wards."""

    meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.CASCADE, related_name="papers", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind of document"), max_length=10, choices=PaperKind.choices)
    file = models.FileField(_("file"), upload_to=meeting_paper_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")

    def __str__(self) -> str:
        return self.filename
