"""Messages to staff: deadline alerts owed by the SLA sweep, and transfer notices.

Both go through the one outbox (``OutboundMessage``) like every other message: keyed, claimed,
retried with the same backoff, re-dispatched by the same beat job.
"""

from collections.abc import Sequence
from datetime import datetime

from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import Team, User
from contacts.event_payloads import TEAM, USER, Party, transfer_parties
from contacts.models import Case, CaseEvent, Milestone
from contacts.presenters import time_left_shown
from contacts.timeline_sql import ids_condition, q
from standards.domain.calendar import WorkingCalendar

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


def sla_alert_render(
    message: OutboundMessage, *, now: datetime, calendar: WorkingCalendar
) -> tuple[str, str]:
    """Subject and body of a deadline alert, in the recipient's own language, with the time
    left as at ``now`` (when the worker sends it) in the pages' words."""
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
            "time_left": time_left_shown(milestone.due_at, now=now, calendar=calendar),
        }
        subject = render_to_string("contacts/email/sla_alert_subject.txt", context).strip()
        body = render_to_string("contacts/email/sla_alert_body.txt", context)
    return " ".join(subject.split()), body


def _transfer_recipient(party: Party | None) -> tuple[User | None, str, str, list[str]] | None:
    """(user, address, name to greet, languages) of whoever received the case."""
    if party is None:
        return None
    if party.kind == USER:
        user = User.objects.filter(pk=party.pk, is_active=True).first()
        if user is None or not user.email:
            return None
        name = user.get_full_name() or user.get_username()
        return user, user.email, name, [user.preferred_language or "en"]
    assert party.kind == TEAM
    team = Team.objects.select_related("manager").filter(pk=party.pk).first()
    if team is None:
        return None
    # A team mailbox, read by several people, gets it in Welsh then English.
    if team.mailbox:
        return None, team.mailbox, "", ["cy", "en"]
    manager = team.manager
    if manager is None or not manager.email or not manager.is_active:
        return None
    name = manager.get_full_name() or manager.get_username()
    return manager, manager.email, name, [manager.preferred_language or "en"]


def transfer_notice(event: CaseEvent, *, name: str, languages: list[str]) -> tuple[str, str]:
    """Subject and body of the notice about ``event``."""
    case = event.case
    actor = event.actor
    subjects, bodies = [], []
    for code in languages:
        with translation.override(code or "en"):
            context = {
                "case": case,
                "event": event,
                "name": name,
                "to_team": "to_team" in event.payload,
                "actor_name": (actor.get_full_name() or actor.get_username()) if actor else "",
                "received_at": timezone.localtime(case.received_at),
            }
            subject = render_to_string("contacts/email/transfer_subject.txt", context)
            subjects.append(" ".join(subject.split()))
            bodies.append(render_to_string("contacts/email/transfer_body.txt", context).strip())
    return " / ".join(subjects), BILINGUAL_DIVIDER.join(bodies) + "\n"


def transfer_notice_owe(*, event: CaseEvent, now: datetime) -> None:
    """Owe the receiver of a transfer its notice, in the transfer's transaction."""
    recipient = _transfer_recipient(transfer_parties(event.payload)[1])
    if recipient is None:
        return
    person, address, name, languages = recipient
    subject, body = transfer_notice(event, name=name, languages=languages)
    messages_owe(
        [
            PersonMessage(
                key=f"transfer:{event.pk}",
                person=person,
                kind=RecipientKind.STAFF,
                purpose=Purpose.TRANSFER_NOTICE,
                method=Method.EMAIL,
                address=address,
                language=ReplyLanguage.BILINGUAL if len(languages) > 1 else languages[0],
                subject=subject,
                body=body,
                case=event.case,
            )
        ],
        now=now,
    )
