"""Owing messages to councillors and clerks: by each one's preferred method, in their language,
with a key per reason and recipient so that nothing is owed twice.

The text is rendered here, when the officer acts, so that what goes is what the officer saw;
messaging's outbox (``messaging.owing``) delivers it once the surrounding transaction has
committed, like every other message.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from contacts.models import Case
from contacts.visibility import case_redactions, case_visible_to
from messaging.models import Method, OutboundMessage, Purpose, RecipientKind
from messaging.owing import PersonMessage, messages_owe
from standards import milestone_kinds

from .models import (
    ContactMethod,
    CouncilMeeting,
    EnquiryUpdate,
    MeetingPaper,
    MemberProfile,
    UpdateKind,
    WardEvent,
    WardEventRecord,
    WardEventStatus,
)


@dataclass(frozen=True)
class Way:
    """How one member is reached."""

    method: str
    address: str
    language: str


def way_to(user: User, profile: MemberProfile | None) -> Way | None:
    """The member's preferred method when we hold its address, else e-mail; ``None`` when
    they cannot be reached at all."""
    language = user.preferred_language or "en"
    method = profile.contact_method if profile else ContactMethod.EMAIL
    addresses: dict[str, str] = {
        ContactMethod.EMAIL: user.email,
        ContactMethod.SMS: user.phone,
        ContactMethod.LETTER: profile.postal_address if profile else "",
    }
    if addresses.get(method):
        return Way(method, addresses[method], language)
    if user.email:
        return Way(ContactMethod.EMAIL, user.email, language)
    return None


def _members(users: Iterable[User]) -> list[tuple[User, Way]]:
    users = [user for user in users if user.is_active]
    profiles = MemberProfile.objects.in_bulk([user.pk for user in users])
    reached = []
    for user in users:
        way = way_to(user, profiles.get(user.pk))
        if way is not None:
            reached.append((user, way))
    return reached


def _may_read(users: Iterable[User], case: Case) -> list[User]:
    """Those of ``users`` whom the one policy lets see ``case``: a message about a case says
    no more than its page would (a few members at most, one small query each)."""
    return [user for user in users if case_visible_to(user).filter(pk=case.pk).exists()]


def _render(template: str, language: str, context: dict) -> tuple[str, str]:
    with translation.override(language):
        text = render_to_string(template, {**context, "language": language}).strip()
    subject, _blank, body = text.partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def _owe(rows: list[PersonMessage], *, now: datetime) -> None:
    """One statement however many members; a key owed before is left as it was."""
    messages_owe(rows, now=now)


def _message(
    *, key: str, user: User, way: Way, subject: str, body: str, case=None
) -> PersonMessage:
    return PersonMessage(
        key=key,
        person=user,
        kind=RecipientKind.MEMBER,
        purpose=Purpose.MEMBER_NOTICE,
        method=way.method,
        address=way.address,
        language=way.language,
        subject=subject[:300],
        body=body,
        case=case,
    )


def enquiry_update_notices_owe(*, update: EnquiryUpdate, recipients: Iterable[User]) -> None:
    """Tell the member who raised the enquiry, and the councillors copied in, what the officer
    posted: an update, a delay notice or the completion."""
    case = update.case
    if update.kind == UpdateKind.COMPLETION:
        # One completion for each resolution: a reopened case resolved again is told again.
        reason = f"enquiry-completion:{case.pk}:{case.reopened_count}"
    else:
        reason = f"enquiry-update:{update.pk}"
    rows = []
    for user, way in _members(_may_read(recipients, case)):
        subject, body = _render(
            "councillors/email/enquiry_update.txt",
            way.language,
            {
                "case": case,
                "update": update,
                "in_full": not case_redactions(user, case),
                "name": user.get_full_name() or user.get_username(),
                "is_delay": update.kind == UpdateKind.DELAY,
                "is_completion": update.kind == UpdateKind.COMPLETION,
            },
        )
        rows.append(
            _message(
                key=f"{reason}:user:{user.pk}",
                user=user,
                way=way,
                subject=subject,
                body=body,
                case=case,
            )
        )
    _owe(rows, now=update.created_at)


def enquiry_copy_notices_owe(*, case: Case, recipients: Iterable[User], now: datetime) -> None:
    """Tell the county councillors copied into a community council's enquiry."""
    rows = []
    for user, way in _members(_may_read(recipients, case)):
        subject, body = _render(
            "councillors/email/enquiry_copied.txt",
            way.language,
            {
                "case": case,
                "in_full": not case_redactions(user, case),
                "name": user.get_full_name() or user.get_username(),
            },
        )
        rows.append(
            _message(
                key=f"enquiry-copied:{case.pk}:user:{user.pk}",
                user=user,
                way=way,
                subject=subject,
                body=body,
                case=case,
            )
        )
    _owe(rows, now=now)


def enquiry_logged_notice_owe(*, case: Case, member: User, now: datetime) -> None:
    """Tell a councillor or clerk that the enquiry they made through the contact centre or a
    department mailbox was logged as theirs: its reference, the service, when it will be
    answered, and that they can follow it. Not when the case's acknowledgement goes to them
    already (they e-mailed it): it says as much. Messaging owes that acknowledgement earlier
    in the same ``case_created`` (its app comes before this one)."""
    to_them = Q(pk__in=[])
    if member.email:
        to_them |= Q(recipient__iexact=member.email)
    if member.phone:
        to_them |= Q(recipient=member.phone)
    acknowledged = OutboundMessage.objects.filter(
        to_them, case=case, purpose=Purpose.ACKNOWLEDGEMENT
    ).exists()
    if acknowledged:
        return
    respond = (
        case.milestones.filter(kind=milestone_kinds.MEMBER_RESPONSE, due_at__isnull=False)
        .values_list("due_at", flat=True)
        .first()
    )
    rows = []
    for user, way in _members([member]):
        subject, body = _render(
            "councillors/email/enquiry_logged.txt",
            way.language,
            {
                "case": case,
                "name": user.get_full_name() or user.get_username(),
                "respond_by": timezone.localtime(respond) if respond else None,
            },
        )
        rows.append(
            _message(
                key=f"enquiry-logged:{case.pk}:user:{user.pk}",
                user=user,
                way=way,
                subject=subject,
                body=body,
                case=case,
            )
        )
    _owe(rows, now=now)


class EventNotice:
    ANNOUNCED = "announced"
    CHANGED = "changed"
    DELAYED = "delayed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


def ward_event_notices_owe(
    *, event: WardEvent, notice: str, recipients: Iterable[User], now: datetime
) -> int:
    """Tell the ward's councillors of a calendar entry, or of what changed in it. Each revision
    of the entry is told once to each councillor."""
    rows = []
    for user, way in _members(recipients):
        subject, body = _render(
            "councillors/email/ward_event.txt",
            way.language,
            {
                "event": event,
                "notice": notice,
                "name": user.get_full_name() or user.get_username(),
                "starts_at": timezone.localtime(event.starts_at),
                "ends_at": timezone.localtime(event.ends_at),
                "is_delayed": event.status == WardEventStatus.DELAYED,
            },
        )
        rows.append(
            _message(
                key=f"ward-event:{event.pk}:{event.sequence}:{notice}:user:{user.pk}",
                user=user,
                way=way,
                subject=subject,
                body=body,
            )
        )
    _owe(rows, now=now)
    return len(rows)


def _link(view: str, *args: object, language: str) -> str:
    """An absolute link for a message, in the reader's language (a text or a letter cannot
    carry a relative one): the address names the entry or meeting by its number only, never
    a person, and the page behind it asks the reader to sign in and checks they may read it."""
    site = str(settings.CYSWLLT.get("PUBLIC_URL", "http://localhost:8000")).rstrip("/")
    with translation.override(language):
        return site + reverse(view, args=args)


def ward_event_comment_notice_owe(*, comment: WardEventRecord, now: datetime) -> int:
    """Tell the officer who owns the entry that a councillor commented on it, by e-mail in
    the officer's language. Nobody is told when the entry has no owner any more."""
    event = comment.event
    officer = event.created_by
    if officer is None or not officer.is_active or not officer.email:
        return 0
    language = officer.preferred_language or "en"
    councillor = comment.actor
    subject, body = _render(
        "councillors/email/ward_event_comment.txt",
        language,
        {
            "event": event,
            "comment": comment,
            "name": officer.get_full_name() or officer.get_username(),
            "councillor": (councillor.get_full_name() or councillor.get_username())
            if councillor
            else "",
            "link": _link("councillors:event", event.pk, language=language),
        },
    )
    _owe(
        [
            PersonMessage(
                key=f"ward-event-comment:{comment.pk}:user:{officer.pk}",
                person=officer,
                kind=RecipientKind.STAFF,
                purpose=Purpose.MEMBER_COMMENT,
                method=Method.EMAIL,
                address=officer.email,
                language=language,
                subject=subject[:300],
                body=body,
            )
        ],
        now=now,
    )
    return 1


def ward_event_answer_notice_owe(
    *, answer: WardEventRecord, councillor: User | None, now: datetime
) -> int:
    """Tell the councillor whose comment the officer answered, by their preferred method, in
    their language. ``councillor`` is ``None`` when they may no longer read the entry."""
    if councillor is None:
        return 0
    event = answer.event
    rows = []
    for user, way in _members([councillor]):
        subject, body = _render(
            "councillors/email/ward_event_answer.txt",
            way.language,
            {
                "event": event,
                "answer": answer,
                "comment": answer.in_reply_to,
                "name": user.get_full_name() or user.get_username(),
                "link": _link("councillors:my-event", event.pk, language=way.language),
            },
        )
        rows.append(
            _message(
                key=f"ward-event-answer:{answer.pk}:user:{user.pk}",
                user=user,
                way=way,
                subject=subject,
                body=body,
            )
        )
    _owe(rows, now=now)
    return len(rows)


def meeting_paper_notices_owe(
    *, paper: MeetingPaper, recipients: Iterable[User], now: datetime
) -> int:
    """Send the county councillors of the council's wards a link to the paper the clerk
    attached: the file stays behind sign-in (minutes may name residents), so a message sent
    to a personal mailbox, a phone or a letter carries no copy of it."""
    meeting: CouncilMeeting = paper.meeting
    rows = []
    for user, way in _members(recipients):
        subject, body = _render(
            "councillors/email/meeting_paper.txt",
            way.language,
            {
                "meeting": meeting,
                "council": meeting.council,
                "paper": paper,
                "name": user.get_full_name() or user.get_username(),
                "link": _link("councillors:meeting", meeting.pk, language=way.language),
            },
        )
        rows.append(
            _message(
                key=f"meeting-paper:{paper.pk}:user:{user.pk}",
                user=user,
                way=way,
                subject=subject,
                body=body,
            )
        )
    _owe(rows, now=now)
    return len(rows)
