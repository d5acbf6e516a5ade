"""The one writer of a Members' Events Calendar entry's history (``WardEventRecord``), as
``contacts.timeline`` is the case timeline's (ADR 0017): what officers did to the entry, the
councillors' comments and the officer's answers. Nothing else writes those rows."""

from datetime import datetime

from accounts.models import User

from .models import EventRecordKind, WardEvent, WardEventRecord


def event_record(
    *,
    event: WardEvent,
    kind: str,
    actor: User | None,
    now: datetime,
    text: str = "",
    in_reply_to: WardEventRecord | None = None,
) -> WardEventRecord:
    """Add a line to ``event``'s history; an answer names the comment it answers."""
    if (kind == EventRecordKind.ANSWER) != (in_reply_to is not None):
        raise ValueError("An answer, and only an answer, replies to a comment")
    if in_reply_to is not None and (
        in_reply_to.kind != EventRecordKind.COMMENT or in_reply_to.event_id != event.pk
    ):
        raise ValueError("An answer replies to a comment on the same entry")
    return WardEventRecord.objects.create(
        event=event,
        kind=kind,
        actor=actor,
        text=text,
        in_reply_to=in_reply_to,
        created_at=now,
    )
