"""Councillors comment on the Members' Events Calendar entries of their wards; the officer
who owns an entry answers. Both go on the entry's history and are told through messaging."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError

from .. import selectors
from ..history import event_record
from ..models import EventRecordKind, WardEvent, WardEventRecord
from ..notices import ward_event_answer_notice_owe, ward_event_comment_notice_owe

#: As long as an officer's note on a case may be (``common.form_fields.NOTE_MAX``).
COMMENT_MAX = 2000


class NotTheOwner(PermissionError):
    """Only the officer who owns an entry answers the comments on it."""


def _text(text: str, *, required: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError({"text": required})
    if len(text) > COMMENT_MAX:
        raise ServiceError(
            {"text": _("Write no more than %(limit)s characters.") % {"limit": COMMENT_MAX}}
        )
    return text


def may_answer(user: User, event: WardEvent) -> bool:
    """The officer who recorded the entry owns it, and answers what councillors say."""
    return user.is_active and event.created_by_id is not None and event.created_by_id == user.pk


@transaction.atomic
def ward_event_comment(
    *, event: WardEvent, councillor: User, text: str, now: datetime | None = None
) -> WardEventRecord:
    """A councillor's comment on an entry in one of their wards: on the entry's history, and
    its owner told by e-mail."""
    now = now or timezone.now()
    if not selectors.ward_events_of_councillor(user=councillor).filter(pk=event.pk).exists():
        raise ServiceError(_("You can comment only on the calendar entries of your wards."))
    text = _text(text, required=_("Write your comment."))
    comment = event_record(
        event=event, kind=EventRecordKind.COMMENT, actor=councillor, now=now, text=text
    )
    ward_event_comment_notice_owe(comment=comment, now=now)
    return comment


@transaction.atomic
def ward_event_answer(
    *, comment: WardEventRecord, officer: User, text: str, now: datetime | None = None
) -> WardEventRecord:
    """The owning officer's answer to a comment: on the entry's history, and the councillor
    who commented told, if they may still read the entry."""
    now = now or timezone.now()
    event = comment.event
    if not may_answer(officer, event):
        raise NotTheOwner("Only the officer who owns the entry answers comments on it")
    if comment.kind != EventRecordKind.COMMENT:
        raise ValueError("Only a comment is answered")
    text = _text(text, required=_("Write your answer."))
    answer = event_record(
        event=event,
        kind=EventRecordKind.ANSWER,
        actor=officer,
        now=now,
        text=text,
        in_reply_to=comment,
    )
    councillor = comment.actor
    still_reads = (
        councillor is not None
        and selectors.ward_events_of_councillor(user=councillor).filter(pk=event.pk).exists()
    )
    ward_event_answer_notice_owe(
        answer=answer, councillor=councillor if still_reads else None, now=now
    )
    return answer
