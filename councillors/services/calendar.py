"""The Members' Events Calendar: planned works and events in the wards, and the notices
councillors get of them."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from common.errors import ServiceError

from ..domain.notice import is_notice_due
from ..history import event_record
from ..models import (
    EventRecordKind,
    Ward,
    WardEvent,
    WardEventStatus,
)
from ..notices import (
    EventNotice,
    ward_event_notices_owe,
)


def notice_days() -> int:
    """How many days ahead councillors are told of work in their wards."""
    return int(settings.CYSWLLT.get("WARD_NOTICE_DAYS", 14))


EDITABLE = (WardEventStatus.PLANNED, WardEventStatus.DELAYED)


#: What an officer writes for an entry; the texts residents and councillors read are written in
#: both languages (``councillors/translation.py``).
EVENT_FIELDS = (
    "kind",
    "title_cy",
    "title_en",
    "description_cy",
    "description_en",
    "location",
    "starts_at",
    "ends_at",
    "responsible",
    "effect_cy",
    "effect_en",
)


def _check_times(starts_at: datetime, ends_at: datetime, now: datetime) -> dict[str, str]:
    errors = {}
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        errors["starts_at"] = _("Give the time with its UTC offset.")
    elif ends_at < starts_at:
        errors["ends_at"] = _("The end cannot be before the start.")
    elif ends_at <= now:
        errors["ends_at"] = _("The end must be in the future.")
    return errors


def _councillors_of(event: WardEvent) -> list[User]:
    return list(
        User.objects.filter(wards__events=event, role=Role.COUNCILLOR, is_active=True)
        .distinct()
        .order_by("pk")
    )


def _tell(event: WardEvent, notice: str, now: datetime) -> None:
    ward_event_notices_owe(event=event, notice=notice, recipients=_councillors_of(event), now=now)
    if event.announced_at is None:
        event.announced_at = now
        WardEvent.objects.filter(pk=event.pk).update(announced_at=now)


def _notice_due(event: WardEvent, now: datetime) -> bool:
    return event.announced_at is not None or is_notice_due(
        event.starts_at, notice_days=notice_days(), now=now
    )


@transaction.atomic
def ward_event_create(
    *,
    actor: User,
    wards: Iterable[Ward],
    kind: str,
    title_cy: str,
    title_en: str,
    location: str,
    starts_at: datetime,
    ends_at: datetime,
    responsible: str,
    effect_cy: str,
    effect_en: str,
    description_cy: str = "",
    description_en: str = "",
    now: datetime | None = None,
) -> WardEvent:
    """Record planned works, a local initiative or an event; the ward's councillors are told
    now if it starts within the notice period, otherwise by the notice job when it does."""
    now = now or timezone.now()
    wards = list(wards)
    errors = _check_times(starts_at, ends_at, now)
    if not wards:
        errors["wards"] = _("Choose at least one ward.")
    if errors:
        raise ServiceError(errors)
    event = WardEvent.objects.create(
        kind=kind,
        title_cy=title_cy,
        title_en=title_en,
        description_cy=description_cy,
        description_en=description_en,
        location=location,
        starts_at=starts_at,
        ends_at=ends_at,
        responsible=responsible,
        effect_cy=effect_cy,
        effect_en=effect_en,
        created_by=actor,
    )
    event.wards.set(wards)
    event_record(event=event, kind=EventRecordKind.RECORDED, actor=actor, now=now)
    if _notice_due(event, now):
        _tell(event, EventNotice.ANNOUNCED, now)
    return event


def _locked_event(event: WardEvent) -> WardEvent:
    event = WardEvent.objects.select_for_update().get(pk=event.pk)
    if event.status not in EDITABLE:
        raise ServiceError(
            {
                "status": _("The entry is %(status)s and can no longer be changed.")
                % {"status": WardEventStatus(event.status).label.lower()}
            }
        )
    return event


@transaction.atomic
def ward_event_change(
    *,
    event: WardEvent,
    actor: User,
    wards: Iterable[Ward] | None = None,
    now: datetime | None = None,
    **changes: object,
) -> WardEvent:
    """Change what, where, when or who: councillors already told are told again."""
    now = now or timezone.now()
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    event = _locked_event(event)
    for field, value in changes.items():
        setattr(event, field, value)
    errors = _check_times(event.starts_at, event.ends_at, now)
    wards = list(wards) if wards is not None else None
    if wards is not None and not wards:
        errors["wards"] = _("Choose at least one ward.")
    if errors:
        raise ServiceError(errors)
    event.sequence += 1
    event.save(update_fields=[*changes, "sequence", "modified_at"])
    if wards is not None:
        event.wards.set(wards)
    event_record(event=event, kind=EventRecordKind.CHANGED, actor=actor, now=now)
    if _notice_due(event, now):
        notice = EventNotice.CHANGED if event.announced_at else EventNotice.ANNOUNCED
        _tell(event, notice, now)
    return event


@transaction.atomic
def ward_event_delay(
    *,
    event: WardEvent,
    actor: User,
    reason: str,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime | None = None,
) -> WardEvent:
    """The work will happen later: the reason and the new dates are recorded and told."""
    now = now or timezone.now()
    event = _locked_event(event)
    errors = _check_times(starts_at, ends_at, now)
    if not reason.strip():
        errors["reason"] = _("Give the reason for the delay.")
    elif starts_at <= event.starts_at and ends_at <= event.ends_at:
        errors["starts_at"] = _("A delay moves the start or the end later.")
    if errors:
        raise ServiceError(errors)
    event.starts_at, event.ends_at = starts_at, ends_at
    event.status = WardEventStatus.DELAYED
    event.delay_reason = reason.strip()
    event.sequence += 1
    event.save(
        update_fields=["starts_at", "ends_at", "status", "delay_reason", "sequence", "modified_at"]
    )
    event_record(
        event=event, kind=EventRecordKind.DELAYED, actor=actor, now=now, text=event.delay_reason
    )
    if _notice_due(event, now):
        notice = EventNotice.DELAYED if event.announced_at else EventNotice.ANNOUNCED
        _tell(event, notice, now)
    return event


@transaction.atomic
def ward_event_complete(*, event: WardEvent, actor: User, now: datetime | None = None) -> WardEvent:
    """The work is finished: councillors are told what was done and when."""
    now = now or timezone.now()
    event = _locked_event(event)
    event.status = WardEventStatus.COMPLETED
    event.completed_at = now
    event.sequence += 1
    event.save(update_fields=["status", "completed_at", "sequence", "modified_at"])
    event_record(event=event, kind=EventRecordKind.COMPLETED, actor=actor, now=now)
    if event.announced_at is not None:
        _tell(event, EventNotice.COMPLETED, now)
    return event


@transaction.atomic
def ward_event_cancel(
    *, event: WardEvent, actor: User, reason: str, now: datetime | None = None
) -> WardEvent:
    """It will not happen; subscribed calendars drop it, and councillors who were told are
    told why."""
    now = now or timezone.now()
    if not reason.strip():
        raise ServiceError({"reason": _("Give the reason for the cancellation.")})
    event = _locked_event(event)
    event.status = WardEventStatus.CANCELLED
    event.delay_reason = reason.strip()
    event.sequence += 1
    event.save(update_fields=["status", "delay_reason", "sequence", "modified_at"])
    event_record(
        event=event, kind=EventRecordKind.CANCELLED, actor=actor, now=now, text=event.delay_reason
    )
    if event.announced_at is not None:
        _tell(event, EventNotice.CANCELLED, now)
    return event


def ward_events_announce(*, now: datetime, limit: int = 200) -> int:
    """Owe the advance notice of every entry now inside the notice period. Entries another
    worker is announcing are skipped; each councillor's notice has its own key, so a second
    run owes nothing more. Returns how many entries were announced."""
    horizon = now + timedelta(days=notice_days())
    with transaction.atomic():
        events = list(
            WardEvent.objects.select_for_update(skip_locked=True)
            .filter(
                announced_at__isnull=True,
                status__in=EDITABLE,
                starts_at__lte=horizon,
                ends_at__gte=now,
            )
            .order_by("starts_at", "pk")[:limit]
        )
        for event in events:
            _tell(event, EventNotice.ANNOUNCED, now)
    return len(events)
