"""What the apps built on ``contacts`` tell it: an explicit registry that ``contacts`` owns.

``contacts`` sits below messaging, complaints and councillors (docs/adr/0015), so it cannot
import them. Where a case needs something from a higher app — a message owed when a case is
created, a councillor told when it is resolved, a confidentiality rule — the higher app
registers a function here in its ``AppConfig.ready()``. ``contacts`` calls every registered
function in registration order, synchronously and inside the caller's transaction, so a
failure rolls the action back like any other. These are not Django signals: each hook is
declared once here, with its arguments typed, and ``registered()`` lists who listens.
Import this module only once the apps are loaded (from ``ready()``, views, services).
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from django.db.models import QuerySet

from accounts.models import User
from common.registry import Filters, Hook, Provider

from .models import Case, CaseEvent, Milestone

# --- The hooks ----------------------------------------------------------------------------
# Each names who registers it today; contacts works (with the default) when nobody does.

#: Narrows the cases a member of staff of the case's service may see (the service rule is
#: contacts' own): ``rule(cases, user=user) -> cases``. Complaints hide confidential cases.
staff_case_visibility: Filters[QuerySet[Case]] = Filters("staff_case_visibility")

#: Narrows the colleagues who may receive a case handed on: ``rule(users, case=case) ->
#: users``. Complaints allow only complaints officers and managers not named in it.
case_receivers: Filters[QuerySet[User]] = Filters("case_receivers")


def _own_submissions(user: User) -> QuerySet[Case]:
    return Case.objects.filter(submitted_by=user)


#: The cases a councillor or clerk may follow (councillors: their own, copied, their
#: council's or wards'); without the councillors app, what they submitted.
class MembersCases(Protocol):
    def __call__(self, user: User, /) -> QuerySet[Case]: ...


members_cases: Provider[MembersCases] = Provider("members_cases", _own_submissions)


class CaseResolved(Protocol):
    def __call__(
        self, *, case: Case, actor: User | None, note: str, message: str, now: datetime
    ) -> object: ...


#: A case was resolved, inside the resolving transaction with the case row locked.
#: Messaging tells the customer what was done (``message``, when given); councillors tell the
#: member who raised it.
case_resolved: Hook[CaseResolved] = Hook("case_resolved")


# --- Messages (registered by ``messaging``) ------------------------------------------------
# ``contacts`` never imports ``messaging``: where a case owes a message, it calls the hook and
# messaging writes the message into its outbox, in the caller's transaction (ADR 0016).


class CaseCreated(Protocol):
    def __call__(self, *, case: Case, now: datetime, rules_version: str) -> object: ...


#: A case was stored, inside the creating transaction (``rules_version``: the case rules read).
#: Messaging owes the acknowledgement and the out-of-office reply.
case_created: Hook[CaseCreated] = Hook("case_created")


class MilestoneExtended(Protocol):
    def __call__(
        self, *, case: Case, milestone: Milestone, actor: User | None, now: datetime
    ) -> object: ...


#: A deadline was extended and the customer is to be told: messaging owes the notice.
milestone_extended: Hook[MilestoneExtended] = Hook("milestone_extended")


class AppointmentNotice(Protocol):
    def __call__(self, *, case: Case, event: CaseEvent, actor: User, now: datetime) -> bool: ...


def _nobody_told(*, case: Case, event: CaseEvent, actor: User, now: datetime) -> bool:
    return False


#: An appointment or officer visit is running late or was re-booked (``event``: the
#: ``running_late`` or ``rebooked`` entry on the timeline, its reason in ``text``): messaging
#: owes the customer the notice, by their method and in their language, and answers whether
#: one is owed (when not, staff phone the customer).
appointment_notice: Provider[AppointmentNotice] = Provider("appointment_notice", _nobody_told)


class CaseTransferred(Protocol):
    def __call__(self, *, event: CaseEvent, now: datetime) -> object: ...


#: A case was handed to a colleague or a team (``event``: the transfer on the timeline):
#: messaging owes the receiver a notice.
case_transferred: Hook[CaseTransferred] = Hook("case_transferred")


class SlaAlertsOwed(Protocol):
    def __call__(
        self, *, milestone_ids: Sequence[int], transition: str, now: datetime
    ) -> object: ...


#: The SLA sweep moved these milestones (``transition``: due soon or breached), inside its
#: transaction: messaging owes the owner and the team manager an alert, in one statement.
sla_alerts_owed: Hook[SlaAlertsOwed] = Hook("sla_alerts_owed")


class MessageWay(Protocol):
    def __call__(self, case: Case, /) -> object | None: ...


def _no_way(case: Case, /) -> None:
    return None


#: How a message to the case's customer would go (language, method, address), in words for
#: the case page; ``None`` when nothing reaches them. Messaging provides it.
message_way: Provider[MessageWay] = Provider("message_way", _no_way)
