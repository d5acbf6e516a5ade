"""Messages to staff: deadline alerts owed by the SLA sweep, and transfer notices.

Both go through the one outbox (``OutboundMessage``) like every other message: keyed, claimed,
retried with the same backoff, re-dispatched by the same beat job.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import Role, Team, User
from contacts.audience import may_be_told, open_to_its_service, told_of_cases
from contacts.event_payloads import TEAM, USER, Party, transfer_parties
from contacts.models import Case, CaseEvent, CaseKind, Milestone
from contacts.presenters import time_left_shown
from contacts.timeline_sql import ids_condition, q
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


def _transfer_recipient(
    party: Party | None, *, case: Case
) -> tuple[User | None, str, str, list[str]] | None:
    """(user, address, name to greet, languages) of whoever received the case, if they may be
    told of it (``contacts.audience``): a complaint handed to a team is never announced to a
    manager named in it."""
    if party is None:
        return None
    if party.kind == USER:
        user = User.objects.filter(pk=party.pk, is_active=True).first()
        if user is None or not user.email or not may_be_told(user, case=case):
            return None
        name = user.get_full_name() or user.get_username()
        return user, user.email, name, [user.preferred_language or "en"]
    assert party.kind == TEAM
    team = Team.objects.select_related("manager").filter(pk=party.pk).first()
    if team is None:
        return None
    # A team mailbox, read by several people, gets it in Welsh then English; whoever reads it
    # cannot be known, so it hears only of cases all the service's staff may be told of.
    if team.mailbox and open_to_its_service(case):
        return None, team.mailbox, "", ["cy", "en"]
    manager = team.manager
    if manager is None or not manager.email or not may_be_told(manager, case=case):
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
    recipient = _transfer_recipient(transfer_parties(event.payload)[1], case=event.case)
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
