"""Messages to staff: deadline alerts owed by the SLA sweep, and transfer notices.

Both go through the one outbox (``OutboundMessage``) like every other message: keyed, claimed,
retried with the same backoff, re-dispatched by the same beat job.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import Role, Team, User
from contacts.audience import may_be_told, open_to_its_service, told_of_cases
from contacts.event_payloads import USER, transfer_parties
from contacts.models import CaseEvent, CaseKind, Milestone
from contacts.presenters import time_left_shown
from contacts.timeline_sql import ids_condition, q
from routing.reasons import MisrouteReason
from standards.domain.calendar import WorkingCalendar

from .backends.outcome import PermanentFailure
from .domain.replies import ReplyLanguage
from .messages import BILINGUAL_DIVIDER
from .models import DeliveryState, Method, OutboundMessage, Purpose, RecipientKind
from .owing import PersonMessage, messages_owe


def _swept(milestone_ids: Sequence[int]) -> QuerySet[Milestone]:
    """The milestones of ``milestone_ids``, as one parameter however many (an array on
    PostgreSQL, which binds at most 65,535 parameters a statement)."""
    column = f"{q(Milestone._meta.db_table)}.{q('id')}"
    condition, params = ids_condition(column, milestone_ids)
    return Milestone.objects.filter(RawSQL(condition, params, output_field=BooleanField()))


def alert_recipients(milestone_ids: Sequence[int]) -> QuerySet[Any]:
    """Who is owed an alert about each milestone: ``owed_milestone``, ``owed_revision``,
    ``owed_case`` and ``recipient`` (a user's id), one row per alert.

    The case's owner and its team's manager, and for a complaint every complaints officer of
    its service; each only if they may be told of the case (``contacts.audience``): a complaint
    never reaches anyone named in it, nor anyone who does not handle complaints."""
    swept = _swept(milestone_ids).order_by()
    candidates = [
        swept.annotate(recipient=F("case__owner_id")),
        swept.annotate(recipient=F("case__team__manager_id")),
        swept.filter(case__kind=CaseKind.COMPLAINT)
        .annotate(recipient=F("case__service__teams__members__id"))
        .filter(recipient__in=User.objects.filter(role=Role.COMPLAINTS_OFFICER).values("pk")),
    ]
    told = [
        told_of_cases(rows.filter(recipient__isnull=False), case="case", person="recipient")
        .annotate(owed_milestone=F("pk"), owed_revision=F("revision"), owed_case=F("case_id"))
        .values("recipient", "owed_milestone", "owed_revision", "owed_case")
        for rows in candidates
    ]
    # UNION, not UNION ALL: a manager who owns the case is owed one alert, not two.
    return told[0].union(*told[1:])


def sla_alerts_owe(milestone_ids: Sequence[int], *, transition: str, now: datetime) -> None:
    """The e-mails owed about each milestone to each of its ``alert_recipients``, in one
    statement; a retry owes nothing twice. The text is rendered by the worker
    (``sla_alert_render``), in each recipient's language."""
    owed_sql, owed_params = alert_recipients(milestone_ids).query.sql_with_params()
    user = q(User._meta.db_table)
    # As the ORM stores it (SQLite keeps naive UTC text, which a raw parameter would not be).
    at = connection.ops.adapt_datetimefield_value(now)
    key = (
        "'sla-alert:' || CAST(owed.owed_milestone AS TEXT) || ':'"
        " || CAST(owed.owed_revision AS TEXT) || ':' || %s || ':user:'"
        " || CAST(owed.recipient AS TEXT)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(OutboundMessage._meta.db_table)} (key, recipient_kind, case_id,"
            f" person_id, purpose, method, language, recipient, subject, body, state, attempts,"
            f" next_attempt_at, created_at, last_error, provider_reference, large_print,"
            f" document, claim_token) "
            f"SELECT {key}, %s, owed.owed_case, owed.recipient, %s, %s,"
            f" CASE WHEN u.preferred_language = 'cy' THEN 'cy' ELSE 'en' END, u.email, '', '',"
            f" %s, 0, %s, %s, '', '', false, '', ''"
            f" FROM ({owed_sql}) AS owed JOIN {user} u ON u.id = owed.recipient"
            f" WHERE u.email <> '' "
            f"ON CONFLICT (key) DO NOTHING",
            [
                transition,
                RecipientKind.STAFF,
                Purpose.SLA_ALERT,
                Method.EMAIL,
                DeliveryState.QUEUED,
                at,
                at,
                *owed_params,
            ],
        )


def sla_alert_parse(key: str) -> tuple[int, str]:
    """(milestone id, transition) of an alert's key ``sla-alert:<milestone>:<revision>:…``."""
    _kind, milestone_id, _revision, transition, *_rest = key.split(":")
    return int(milestone_id), transition


class NoLongerToBeTold(LookupError, PermanentFailure):
    """The recipient may no longer be told of the case (named in a complaint since, moved to
    another service): the alert fails at once, unsent."""


def sla_alert_render(
    message: OutboundMessage, *, now: datetime, calendar: WorkingCalendar
) -> tuple[str, str]:
    """Subject and body of a deadline alert, in the recipient's own language, if they may
    still be told of the case (it is rendered when it is sent, maybe long after it was owed),
    with the time left as at ``now`` in the pages' words."""
    milestone_id, transition = sla_alert_parse(message.key)
    milestone = (
        Milestone.objects.select_related("case__service", "case__team", "target")
        .filter(pk=milestone_id)
        .first()
    )
    if milestone is None or message.person is None:
        raise LookupError(f"The alert's milestone {milestone_id} or recipient is gone")
    case = milestone.case
    if not may_be_told(message.person, case=case):
        raise NoLongerToBeTold(f"Recipient {message.person.pk} may no longer be told of the case")
    with translation.override(message.language or "en"):
        context = {
            "alert": {"transition": transition},
            "case": case,
            # Why they are told: they own the case or manage its team, or handle complaints.
            "as_handler": message.person.pk
            not in (case.owner_id, case.team and case.team.manager_id),
            "milestone": milestone,
            "recipient": message.person,
            "due_at": timezone.localtime(milestone.due_at) if milestone.due_at else None,
            "time_left": time_left_shown(milestone.due_at, now=now, calendar=calendar),
        }
        subject = render_to_string("contacts/email/sla_alert_subject.txt", context).strip()
        body = render_to_string("contacts/email/sla_alert_body.txt", context)
    return " ".join(subject.split()), body


@dataclass(frozen=True)
class _Receiver:
    """Who is told of a transfer, and as what."""

    key: str
    person: User | None
    address: str
    name: str  # to greet; "" for a team mailbox
    languages: list[str]
    told_as: str  # OWNER (it is theirs now), TEAM (in their team's queue) or MANAGER


OWNER, TEAM_QUEUE, MANAGER = "owner", "team", "manager"


def _person(user: User | None) -> tuple[str, str, list[str]] | None:
    """(address, name, languages) of an active member of staff with an e-mail address."""
    if user is None or not user.is_active or not user.email:
        return None
    return (
        user.email,
        user.get_full_name() or user.get_username(),
        [user.preferred_language or "en"],
    )


def _transfer_receivers(event: CaseEvent) -> list[_Receiver]:
    """The new owner, or the receiving team (its mailbox, else its manager); and, when the
    case arrives in another team than the one it was in, that team's manager as well (SPEC
    §9). Nobody who may not be told of the case (``contacts.audience``: a manager named in a
    complaint) is sent its details; a team mailbox, read by whoever the team lets read it,
    hears only of cases every member of staff of the service may be told of."""
    payload = event.payload
    after = transfer_parties(payload)[1]
    case = event.case
    receivers: list[_Receiver] = []
    owner: User | None = None
    if after is not None and after.kind == USER:
        owner = User.objects.filter(pk=after.pk).first()
        found = _person(owner) if owner and may_be_told(owner, case=case) else None
        if found:
            receivers.append(_Receiver(f"transfer:{event.pk}", owner, *found, told_as=OWNER))
    team = (
        Team.objects.select_related("manager").filter(pk=case.team_id).first()
        if case.team_id is not None
        else None
    )
    if team is None or (owner is not None and payload.get("from_team") == team.pk):
        return receivers
    manager = team.manager
    if owner is None and team.mailbox and open_to_its_service(case):
        # A team mailbox, read by several people, gets it in Welsh then English.
        receivers.append(
            _Receiver(f"transfer:{event.pk}", None, team.mailbox, "", ["cy", "en"], TEAM_QUEUE)
        )
        return receivers
    if manager is None or manager == owner or not may_be_told(manager, case=case):
        return receivers
    found = _person(manager)
    if found:
        key = f"transfer:{event.pk}" if owner is None else f"transfer:{event.pk}:manager"
        told_as = TEAM_QUEUE if owner is None else MANAGER
        receivers.append(_Receiver(key, manager, *found, told_as=told_as))
    return receivers


def _misrouted_label(payload: dict[str, object]) -> str:
    """Why a case sent back from the wrong service went back, in the active language."""
    reason = payload.get("reason")
    if payload.get("misrouted") and isinstance(reason, str) and reason in MisrouteReason.values:
        return str(MisrouteReason(reason).label)
    return ""


def transfer_notice(
    event: CaseEvent, *, name: str, languages: list[str], told_as: str = ""
) -> tuple[str, str]:
    """Subject and body of the notice about ``event``."""
    case = event.case
    actor = event.actor
    told_as = told_as or (TEAM_QUEUE if "to_team" in event.payload else OWNER)
    owner = case.owner
    subjects, bodies = [], []
    for code in languages:
        with translation.override(code or "en"):
            context = {
                "case": case,
                "event": event,
                "name": name,
                "to_team": told_as == TEAM_QUEUE,
                "to_member": told_as == MANAGER,
                "owner_name": (owner.get_full_name() or owner.get_username()) if owner else "",
                "actor_name": (actor.get_full_name() or actor.get_username()) if actor else "",
                "received_at": timezone.localtime(case.received_at),
                "misrouted": _misrouted_label(event.payload),
            }
            subject = render_to_string("contacts/email/transfer_subject.txt", context)
            subjects.append(" ".join(subject.split()))
            bodies.append(render_to_string("contacts/email/transfer_body.txt", context).strip())
    return " / ".join(subjects), BILINGUAL_DIVIDER.join(bodies) + "\n"


def transfer_notice_owe(*, event: CaseEvent, now: datetime) -> None:
    """Owe whoever receives a transfer its notice, in the transfer's transaction."""
    messages = []
    for receiver in _transfer_receivers(event):
        subject, body = transfer_notice(
            event, name=receiver.name, languages=receiver.languages, told_as=receiver.told_as
        )
        languages = receiver.languages
        messages.append(
            PersonMessage(
                key=receiver.key,
                person=receiver.person,
                kind=RecipientKind.STAFF,
                purpose=Purpose.TRANSFER_NOTICE,
                method=Method.EMAIL,
                address=receiver.address,
                language=ReplyLanguage.BILINGUAL if len(languages) > 1 else languages[0],
                subject=subject,
                body=body,
                case=event.case,
            )
        )
    messages_owe(messages, now=now)
