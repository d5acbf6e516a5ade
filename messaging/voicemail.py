"""Messages about voicemails (SPEC §10, docs/adr/0022): the caller told when they will be
called back once the voicemail is acknowledged, and the colleague covering for an absent
officer told that a voicemail left for that officer is theirs to acknowledge."""

from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from contacts.models import Case, Milestone
from contacts.policies import is_voicemail
from contacts.services.voicemail import officer_away
from standards import milestone_kinds
from standards.domain.calendar import WorkingCalendar
from standards.domain.voicemail import voicemail_acknowledge_by

from .models import Method, Purpose, RecipientKind
from .outbox import callback_notice_queue
from .owing import PersonMessage, messages_owe


def on_voicemail_acknowledged(
    *, case: Case, callback: Milestone, agreed: bool, actor: User, now: datetime
) -> None:
    callback_notice_queue(case=case, milestone=callback, agreed=agreed, author=actor, now=now)


def cover_notice(case: Case, *, cover: User, officer: User, due_at: datetime) -> tuple[str, str]:
    """Subject and body of the notice to ``cover``, in their own language."""
    with translation.override(cover.preferred_language or "en"):
        context = {
            "case": case,
            "name": cover.get_full_name() or cover.get_username(),
            "officer": officer.get_full_name() or officer.get_username(),
            "due_at": timezone.localtime(due_at),
            "received_at": timezone.localtime(case.received_at),
        }
        subject = render_to_string("messaging/email/voicemail_cover_subject.txt", context)
        body = render_to_string("messaging/email/voicemail_cover_body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def cover_notices_owe(*, case: Case, now: datetime, calendar: WorkingCalendar) -> None:
    """A voicemail left for an officer who is away with a colleague covering is the cover's to
    acknowledge by the normal deadline: tell each colleague covering, once. Nothing for a
    voicemail that waits for the officer's return, or for an officer at work (one query then)."""
    officer = case.owner
    if not is_voicemail(case) or officer is None:
        return
    away = officer_away(officer.pk, from_day=calendar.local_date(case.received_at))
    if not away:
        return
    deadline = voicemail_acknowledge_by(case.received_at, away=away, calendar=calendar)
    cover_ids = {absence.cover_id for absence in deadline.covering if absence.cover_id}
    if not cover_ids:
        return
    acknowledge = next(
        (m for m in case.milestones.all() if m.kind in milestone_kinds.ACKNOWLEDGES), None
    )
    due_at = acknowledge.due_at if acknowledge and acknowledge.due_at else deadline.due_at
    covers = User.objects.filter(pk__in=cover_ids, is_active=True).exclude(email="")
    notices = []
    for cover in covers:
        subject, body = cover_notice(case, cover=cover, officer=officer, due_at=due_at)
        notices.append(
            PersonMessage(
                key=f"voicemail-cover:{case.pk}:user:{cover.pk}",
                person=cover,
                kind=RecipientKind.STAFF,
                purpose=Purpose.COVER_NOTICE,
                method=Method.EMAIL,
                address=cover.email,
                language=cover.preferred_language or "en",
                subject=subject,
                body=body,
                case=case,
            )
        )
    messages_owe(notices, now=now)
