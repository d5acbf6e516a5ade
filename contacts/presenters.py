"""What the staff pages show of cases: SLA tags, the next deadline and the time left, in words.

No queries: everything here works on cases whose milestones are already loaded (the selectors
prefetch them), so a page costs the same whatever it lists.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import TextChoices
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from accounts.models import User
from routing.reasons import MisrouteReason
from standards.channels import Channel
from standards.domain.calendar import WorkingCalendar
from standards.milestone_kinds import kind_label

from . import hooks
from .channel_details import DEFINITIONS, DetailField, Kind
from .customer_presenters import field_names
from .domain.sla import worst_state
from .domain.time_left import TimeLeft, Unit, time_left
from .event_payloads import USER, Party, time_parse, transfer_parties, transfer_services
from .models import (
    Case,
    CaseEvent,
    CaseKind,
    CaseStatus,
    Customer,
    EventKind,
    Milestone,
    MilestoneState,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Tag:
    label: str
    colour: str  # a GOV.UK tag colour modifier


#: The tag a case (or a milestone) shows for its SLA state. An open milestone with time in hand
#: is "on track": "pending" is the database's word, not the advisor's.
SLA_TAGS: "dict[str, tuple[StrOrPromise, str]]" = {
    MilestoneState.BREACHED: (MilestoneState.BREACHED.label, "red"),
    MilestoneState.DUE_SOON: (MilestoneState.DUE_SOON.label, "yellow"),
    MilestoneState.PENDING: (gettext_lazy("On track"), "turquoise"),
    MilestoneState.MET_LATE: (MilestoneState.MET_LATE.label, "orange"),
    MilestoneState.MET: (MilestoneState.MET.label, "green"),
}


def sla_tag(state: str | None) -> Tag | None:
    if state not in SLA_TAGS:
        return None
    label, colour = SLA_TAGS[state]
    return Tag(label=str(label), colour=colour)


def case_sla_tag(milestones: Iterable[Milestone]) -> Tag | None:
    """The tag of the case's most urgent milestone."""
    return sla_tag(worst_state(m.state for m in milestones))


def milestone_label(kind: str) -> str:
    """The milestone's name ("Respond", "Call back"), or its code if the catalogue has a kind
    this release does not know yet."""
    return kind_label(kind)


def time_left_text(left: TimeLeft) -> str:
    if left.amount == 0 and not left.overdue:
        return _("Due now")
    count = {"count": left.amount}
    if left.overdue:
        if left.unit is Unit.WORKING_DAYS:
            text = ngettext(
                "Overdue by %(count)s working day", "Overdue by %(count)s working days", left.amount
            )
        elif left.unit is Unit.HOURS:
            text = ngettext("Overdue by %(count)s hour", "Overdue by %(count)s hours", left.amount)
        else:
            text = ngettext(
                "Overdue by %(count)s minute", "Overdue by %(count)s minutes", left.amount
            )
    elif left.unit is Unit.WORKING_DAYS:
        text = ngettext("%(count)s working day", "%(count)s working days", left.amount)
    elif left.unit is Unit.HOURS:
        text = ngettext("%(count)s hour", "%(count)s hours", left.amount)
    else:
        text = ngettext("%(count)s minute", "%(count)s minutes", left.amount)
    return text % count


@dataclass(frozen=True)
class TimeLeftShown:
    """The time left before a deadline as every page, e-mail and export words it."""

    text: str
    overdue: bool


def time_left_shown(
    due_at: datetime | None, *, now: datetime, calendar: WorkingCalendar
) -> TimeLeftShown | None:
    """The one presenter of time left: working days, or hours and minutes within a day, and
    lateness in working days once the due date is past (``contacts/domain/time_left.py``).
    ``None`` for a milestone with no deadline."""
    if due_at is None:
        return None
    left = time_left(due_at=due_at, now=now, calendar=calendar)
    return TimeLeftShown(text=time_left_text(left), overdue=left.overdue)


def next_due_milestone(milestones: Iterable[Milestone]) -> Milestone | None:
    """The open milestone due first: the one the advisor has to act on next."""
    due = [m for m in milestones if m.is_open and m.due_at is not None]
    return min(due, key=lambda m: (m.due_at, m.pk)) if due else None


@dataclass(frozen=True)
class QueueRow:
    case: Case
    tag: Tag | None
    next_milestone: str | None  # its label
    next_due_at: datetime | None
    time_left: str | None
    overdue: bool

    # What a row shows of its case, worked out once here rather than by the template for each
    # of a page's rows: a model's get_FOO_display() rebuilds its choices on every call.
    @property
    def url(self) -> str:
        return reverse("contacts:case", args=[self.case.reference])

    @property
    def channel(self) -> str:
        return _choice_label(Channel, self.case.channel)

    @property
    def kind(self) -> str:
        return _choice_label(CaseKind, self.case.kind)

    @property
    def status(self) -> str:
        return _choice_label(CaseStatus, self.case.status)


def _choice_label(choices: type[TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def queue_rows(
    *, cases: Iterable[Case], now: datetime, calendar: WorkingCalendar
) -> list[QueueRow]:
    rows = []
    for case in cases:
        milestones = list(case.milestones.all())
        upcoming = next_due_milestone(milestones)
        left = time_left_shown(upcoming.due_at, now=now, calendar=calendar) if upcoming else None
        rows.append(
            QueueRow(
                case=case,
                tag=case_sla_tag(milestones),
                next_milestone=milestone_label(upcoming.kind) if upcoming else None,
                next_due_at=upcoming.due_at if upcoming else None,
                time_left=left.text if left else None,
                overdue=bool(left and left.overdue),
            )
        )
    return rows


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    label: str
    description: str
    tag: Tag | None
    time_left: str | None


def milestone_rows(
    *, milestones: Iterable[Milestone], now: datetime, calendar: WorkingCalendar
) -> list[MilestoneRow]:
    """A case's milestones as its summary page lists them, with the time left on open ones."""
    rows = []
    for milestone in milestones:
        left = None
        if milestone.is_open:
            left = time_left_shown(milestone.due_at, now=now, calendar=calendar)
        rows.append(
            MilestoneRow(
                milestone=milestone,
                label=milestone_label(milestone.kind),
                description=milestone.target.description,
                tag=sla_tag(milestone.state),
                time_left=left.text if left else None,
            )
        )
    return rows


# --- The case page's timeline ----------------------------------------------------------------

#: Events whose text is exactly what went to the customer, shown as it was sent.
SENT_KINDS = (
    EventKind.REPLY_SENT,
    EventKind.FAX_SENT,
    EventKind.MESSAGE_SENT_AGAIN,
    EventKind.EXTENSION_NOTICE_SENT,
    EventKind.CALLBACK_NOTICE_SENT,
    EventKind.APPOINTMENT_NOTICE_SENT,
    EventKind.LETTER_READY,
    EventKind.MESSAGE_FAILED,
)


@dataclass(frozen=True)
class TimelineItem:
    event: CaseEvent
    title: str
    actor: str  # who did it; "" for the system
    detail: str  # one line saying what changed
    text: str  # what was written: a note, a reason, the message sent
    sent: bool  # ``text`` is exactly what the customer was sent


def person_name(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def moment_text(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def _status_label(value: str) -> str:
    return str(CaseStatus(value).label) if value in CaseStatus.values else value


def _in_language(names: object) -> str:
    """One of ``{"cy": …, "en": …}`` in the reader's language, else the other."""
    if not isinstance(names, dict):
        return ""
    first = "cy" if get_language() == "cy" else "en"
    return str(names.get(first) or names.get("en" if first == "cy" else "cy") or "")


#: Kinds whose one line is read from their payload alone.
PAYLOAD_DETAILS: dict[str, Callable[[dict[str, Any]], str]] = {
    EventKind.MADE_INTO_COMPLAINT: lambda payload: str(payload.get("reference", "")),
    EventKind.MADE_FROM_CASE: lambda payload: str(payload.get("reference", "")),
    EventKind.MEMBER_TOLD: lambda payload: _in_language(payload.get("update")),
    EventKind.CUSTOMER_CHANGED: lambda payload: field_names(payload.get("fields") or []),
    EventKind.PUBLISHED: lambda payload: (
        (
            _("Welsh page: %(url)s")
            if payload.get("language") == "cy"
            else _("English page: %(url)s")
        )
        % {"url": payload.get("url", "")}
    ),
    EventKind.CUSTOMER_MERGED: lambda payload: (
        _("Record %(merged)s merged into record %(kept)s")
        % {"merged": payload.get("merged_customer"), "kept": payload.get("kept_customer")}
    ),
}


def _callback_detail(kind: str, payload: dict) -> str:
    """When the customer was promised a call back: at an agreed time, or by the end of a day."""
    if kind == EventKind.CALLBACK_ARRANGED:
        moment = time_parse(payload.get("at"))
        return _("Agreed time: %(time)s") % {"time": moment_text(moment)} if moment else ""
    moment = time_parse(payload.get("callback_at"))
    if moment is None:
        return ""
    if payload.get("agreed"):
        return _("Callback at %(time)s") % {"time": moment_text(moment)}
    return _("Callback by the end of %(day)s") % {
        "day": date_format(timezone.localtime(moment), "l j F Y")
    }


def _appointment_detail(kind: str, payload: dict) -> str:
    """How late, and till when; or from which time to which (a re-booking)."""
    if kind == EventKind.RUNNING_LATE:
        expected = time_parse(payload.get("expected_at"))
        if expected is None:
            return ""
        return ngettext(
            "%(count)s minute late; expected at %(time)s",
            "%(count)s minutes late; expected at %(time)s",
            payload.get("minutes", 0),
        ) % {"count": payload.get("minutes", 0), "time": moment_text(expected)}
    before, after = time_parse(payload.get("previous_at")), time_parse(payload.get("at"))
    if before is None or after is None:
        return ""
    return _("Moved from %(before)s to %(after)s") % {
        "before": moment_text(before),
        "after": moment_text(after),
    }


def _transfer_detail(payload: dict, parties: dict[Party, str]) -> str:
    """ "From Emma Clarke (Waste) to Billing (Council tax)": who held it before and after, and
    their services when it changed service; why, when it went back from the wrong one."""
    before_party, to_party = transfer_parties(payload)
    before_service, to_service = transfer_services(payload)
    to = parties.get(to_party) if to_party else None
    before = parties.get(before_party) if before_party else None
    if before_service is not None and before_service != to_service:
        if before:
            before = _("%(name)s (%(service)s)") % {
                "name": before,
                "service": parties.get(before_service, ""),
            }
        if to and to_service is not None:
            to = _("%(name)s (%(service)s)") % {"name": to, "service": parties.get(to_service, "")}
    if to and before:
        hop = _("From %(before)s to %(to)s") % {"before": before, "to": to}
    else:
        hop = _("To %(to)s") % {"to": to} if to else ""
    reason = payload.get("reason")
    if payload.get("misrouted") and reason in MisrouteReason.values:
        return _("%(hop)s. Why: %(reason)s") % {
            "hop": hop,
            "reason": MisrouteReason(reason).label,
        }
    return hop


def _event_detail(event: CaseEvent, parties: dict[Party, str]) -> str:
    """One line saying what changed, from the event's payload (contacts/event_payloads.py),
    in the reader's language."""
    kind, payload = event.kind, event.payload or {}
    if kind == EventKind.TRANSFERRED:
        return _transfer_detail(payload, parties)
    if kind in (EventKind.CALLBACK_ARRANGED, EventKind.VOICEMAIL_ACKNOWLEDGED):
        return _callback_detail(kind, payload)
    if kind in (EventKind.RUNNING_LATE, EventKind.REBOOKED):
        return _appointment_detail(kind, payload)
    if kind in (EventKind.STATUS_CHANGED, EventKind.REOPENED) and payload.get("from"):
        return _("From %(before)s to %(to)s") % {
            "before": _status_label(payload["from"]),
            "to": _status_label(payload.get("to", "")),
        }
    if kind == EventKind.COMPLAINT_RECORDED:
        stage = payload.get("stage")
        return _("%(category)s, stage %(stage)s") % {
            "category": _in_language(payload.get("category")),
            "stage": stage,
        }
    if kind == EventKind.COMPLAINT_ACTION:
        due_on = parse_date(str(payload.get("due_on", "")))
        return _("For %(owner)s by %(date)s") % {
            "owner": payload.get("owner", ""),
            "date": date_format(due_on, "j F Y") if due_on else "",
        }
    if kind in PAYLOAD_DETAILS:
        return PAYLOAD_DETAILS[kind](payload)
    if event.milestone is not None:
        label = milestone_label(event.milestone.kind)
        state = payload.get("state")
        if kind == EventKind.MILESTONE_MET and state in MilestoneState.values:
            return f"{label}: {MilestoneState(state).label}"
        return label
    return ""


def timeline_items(*, events: Iterable[CaseEvent], parties: dict[Party, str]) -> list[TimelineItem]:
    """The case's events as the MoJ timeline shows them; ``parties`` names the colleagues and
    teams that transfers refer to (``selectors.event_parties``)."""
    items = []
    for event in events:
        title = str(EventKind(event.kind).label) if event.kind in EventKind.values else event.kind
        taken = (
            event.kind == EventKind.TRANSFERRED
            and not event.text
            and event.actor_id is not None
            and transfer_parties(event.payload or {})[1] == Party(USER, event.actor_id)
        )
        if taken:
            title = _("Ownership taken")
        elif event.kind == EventKind.TRANSFERRED and (event.payload or {}).get("misrouted"):
            title = _("Sent back: it came to the wrong service")
        items.append(
            TimelineItem(
                event=event,
                title=title,
                actor=person_name(event.actor),
                detail=_event_detail(event, parties),
                text=event.text,
                sent=event.kind in SENT_KINDS,
            )
        )
    return items


# --- The case's channel details and the customer's needs, in words -------------------------


def _detail_value(detail: DetailField, value: object) -> str:
    """One channel detail in words, by its kind."""
    if detail.kind == Kind.CHOICE and detail.choices is not None:
        choices = detail.choices
        return str(choices(value).label) if value in choices.values else str(value)
    if detail.kind == Kind.BOOLEAN:
        # Answers to "handled in Welsh?": Welsh answers a past-tense question with Do / Naddo.
        return pgettext("was it", "Yes") if value else pgettext("was it", "No")
    if detail.kind == Kind.DATETIME and isinstance(value, str):
        moment = parse_datetime(value)
        return moment_text(moment) if moment and timezone.is_aware(moment) else value
    if detail.kind == Kind.DATE and isinstance(value, str):
        day = parse_date(value)
        return date_format(day, "j F Y") if day else value
    if detail.kind == Kind.MINUTES:
        count = int(value) if isinstance(value, int) else 0
        return ngettext("%(count)s minute", "%(count)s minutes", count) % {"count": count}
    return str(value)


def channel_detail_rows(case: Case) -> list[tuple[str, str]]:
    """(label, value) of each channel detail the case recorded, in words, in the order of the
    channel's definition; details with no label (message ids) mean nothing to the advisor."""
    details = case.channel_details or {}
    definition = DEFINITIONS.get(case.channel)
    if definition is None:
        return []
    return [
        (str(detail.label), _detail_value(detail, details[detail.name]))
        for detail in definition.shown
        if details.get(detail.name) not in (None, "")
    ]


def accessibility_needs(customer: Customer) -> list[str]:
    needs = []
    if customer.large_print:
        needs.append(_("Large print"))
    if customer.bsl:
        needs.append(_("British Sign Language interpreter"))
    if customer.interpreter_language:
        needs.append(
            _("Interpreter for %(language)s") % {"language": customer.interpreter_language}
        )
    if customer.other_needs:
        needs.append(customer.other_needs)
    return needs


def message_way(case: Case) -> object | None:
    """How a message to the case's customer goes, in words (``messaging.presenters``), or
    ``None`` when nothing can reach them."""
    return hooks.message_way(case)
