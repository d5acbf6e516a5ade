"""Messages to staff: deadline alerts owed by the SLA sweep, and transfer notices.

Both go through the one outbox (``OutboundMessage``) like every other message: keyed, claimed,
retried with the same backoff, re-dispatched by the same beat job.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import Team, User
from contacts.event_payloads import USER, transfer_parties
from contacts.models import Case, CaseEvent, Milestone
from contacts.selectors import transfer_colleagues
from contacts.timeline_sql import ids_condition, q
from routing.reasons import MisrouteReason

from .domain.replies import ReplyLanguage
from .messages import BILINGUAL_DIVIDER
from .models import DeliveryState, Method, OutboundMessage, Purpose, RecipientKind
from .owing import PersonMessage, messages_owe


def sla_alerts_owe(milestone_ids: Sequence[int], *, transition: str, now: datetime) -> None:
    """The e-mails owed to each milestone's case owner and team manager (one, when they are
    the same person), in one statement; a retry owes nothing twice. The text is rendered by the
    worker (``sla_alert_render``), in each recipient's language."""
    milestone, case, team, user = (
        q(Milestone._meta.db_table),
        q(Case._meta.db_table),
        q(Team._meta.db_table),
        q(User._meta.db_table),
    )
    condition, params = ids_condition("m.id", milestone_ids)
    # As the ORM stores it (SQLite keeps naive UTC text, which a raw parameter would not be).
    at = connection.ops.adapt_datetimefield_value(now)
    key = (
        "'sla-alert:' || CAST(owed.milestone_id AS TEXT) || ':' || CAST(owed.revision AS TEXT)"
        " || ':' || %s || ':user:' || CAST(owed.recipient_id AS TEXT)"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(OutboundMessage._meta.db_table)} (key, recipient_kind, case_id,"
            f" person_id, purpose, method, language, recipient, subject, body, state, attempts,"
            f" next_attempt_at, created_at, last_error, provider_reference, large_print,"
            f" document, claim_token) "
            f"SELECT {key}, %s, owed.case_id, owed.recipient_id, %s, %s,"
            f" CASE WHEN u.preferred_language = 'cy' THEN 'cy' ELSE 'en' END, u.email, '', '',"
            f" %s, 0, %s, %s, '', '', false, '', '' FROM ("
            f" SELECT m.id AS milestone_id, m.revision AS revision, m.case_id AS case_id,"
            f" c.owner_id AS recipient_id"
            f" FROM {milestone} m JOIN {case} c ON c.id = m.case_id"
            f" WHERE {condition} AND c.owner_id IS NOT NULL"
            f" UNION"
            f" SELECT m.id, m.revision, m.case_id, t.manager_id"
            f" FROM {milestone} m JOIN {case} c ON c.id = m.case_id"
            f" JOIN {team} t ON t.id = c.team_id"
            f" WHERE {condition} AND t.manager_id IS NOT NULL"
            f") AS owed JOIN {user} u ON u.id = owed.recipient_id"
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
                *params,
                *params,
            ],
        )


def sla_alert_parse(key: str) -> tuple[int, str]:
    """(milestone id, transition) of an alert's key ``sla-alert:<milestone>:<revision>:…``."""
    _kind, milestone_id, _revision, transition, *_rest = key.split(":")
    return int(milestone_id), transition


def sla_alert_render(message: OutboundMessage) -> tuple[str, str]:
    """Subject and body of a deadline alert, in the recipient's own language."""
    milestone_id, transition = sla_alert_parse(message.key)
    milestone = (
        Milestone.objects.select_related("case__service", "target").filter(pk=milestone_id).first()
    )
    if milestone is None or message.person is None:
        raise LookupError(f"The alert's milestone {milestone_id} or recipient is gone")
    with translation.override(message.language or "en"):
        context = {
            "alert": {"transition": transition},
            "case": milestone.case,
            "milestone": milestone,
            "recipient": message.person,
            "due_at": timezone.localtime(milestone.due_at) if milestone.due_at else None,
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
    §9). Nobody who may not open the case (``transfer_colleagues``: a manager named in a
    complaint) is sent its details."""
    payload = event.payload
    after = transfer_parties(payload)[1]
    case = event.case
    may_open = transfer_colleagues(case=case)
    receivers: list[_Receiver] = []
    owner: User | None = None
    if after is not None and after.kind == USER:
        owner = User.objects.filter(pk=after.pk).first()
        found = _person(owner)
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
    if owner is None and team.mailbox:
        # A team mailbox, read by several people, gets it in Welsh then English.
        receivers.append(
            _Receiver(f"transfer:{event.pk}", None, team.mailbox, "", ["cy", "en"], TEAM_QUEUE)
        )
        return receivers
    if manager is None or manager == owner or not may_open.filter(pk=manager.pk).exists():
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
