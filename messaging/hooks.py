"""What messaging answers when ``contacts`` calls its hooks (``contacts/hooks.py``).

Registered in ``MessagingConfig.ready()``. Each function runs inside the caller's transaction,
so the message owed is stored with the change that owes it, or not at all.
"""

from collections.abc import Sequence
from datetime import datetime

from accounts.models import User
from common.jobs import enqueue
from contacts.models import Case, CaseEvent, Milestone
from contacts.services.steps import case_with_relations
from standards.selectors import case_rules

from .outbox import (
    appointment_notice_queue,
    extension_notice_queue,
    out_of_office_queue,
    resolution_queue,
)
from .staff import sla_alerts_owe, transfer_notice_owe
from .tasks import messages_redispatch
from .voicemail import cover_notices_owe


def on_case_created(*, case: Case, actor: User | None, now: datetime, rules_version: str) -> None:
    out_of_office_queue(case=case, now=now)
    cover_notices_owe(case=case, now=now, calendar=case_rules(version=rules_version).calendar)


def on_case_resolved(
    *, case: Case, actor: User | None, note: str, message: str, now: datetime
) -> None:
    if message.strip():
        resolution_queue(case=case_with_relations(case), author=actor, text=message, now=now)


def on_milestone_extended(
    *, case: Case, milestone: Milestone, actor: User | None, now: datetime
) -> None:
    extension_notice_queue(case=case, milestone=milestone, author=actor, now=now)


def on_appointment_changed(*, case: Case, event: CaseEvent, actor: User, now: datetime) -> bool:
    return appointment_notice_queue(case=case, event=event, author=actor, now=now) is not None


def on_case_transferred(*, event: CaseEvent, now: datetime) -> None:
    transfer_notice_owe(event=event, now=now)


def on_sla_alerts_owed(*, milestone_ids: Sequence[int], transition: str, now: datetime) -> None:
    sla_alerts_owe(milestone_ids, transition=transition, now=now)
    enqueue(messages_redispatch)
