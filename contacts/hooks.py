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
from typing import Any, Protocol

from django.db.models import Model, Q, QuerySet

from accounts.models import User
from common.registry import Filters, Hook, Provider

from .models import Case, CaseEvent, Milestone

# --- The hooks ----------------------------------------------------------------------------
# Each names who registers it today; contacts works (with the default) when nobody does.


class ComplaintsReadable(Protocol):
    def __call__(self, user: User, /) -> Q: ...


def _no_complaints(user: User, /) -> Q:
    return Q(pk__in=[])


#: Which complaints a member of staff may read, as a condition over cases (the policy,
#: ``contacts.visibility``, applies it to complaints only). Complaints provide it: complaints
#: officers and managers of the complaint's service who are not named in it. Without the
#: complaints app no member of staff reads a complaint.
complaints_readable: Provider[ComplaintsReadable] = Provider("complaints_readable", _no_complaints)

#: Narrows the colleagues who may receive a case handed on: ``rule(users, case=case) ->
#: users``. Complaints allow only complaints officers and managers not named in it.
case_receivers: Filters[QuerySet[User]] = Filters("case_receivers")


#: Narrows rows that each pair a case with a person to those where the person may be told of
#: the case (an e-mail naming it), set-based for many cases at once: ``rule(rows, case=path,
#: person=path) -> rows``, the paths leading from a row to its case and to the person's id.
#: The pair form of ``staff_case_visibility`` (``contacts.audience``): complaints tell only
#: complaints officers and managers of the service who are not named in the complaint.
case_audience: Filters[QuerySet[Any]] = Filters("case_audience")


def _own_submissions(user: User) -> QuerySet[Case]:
    return Case.objects.filter(submitted_by=user)


#: The cases a councillor or clerk may follow (councillors: their own, copied, their
#: council's or wards'); without the councillors app, what they submitted.
class MembersCases(Protocol):
    def __call__(self, user: User, /) -> QuerySet[Case]: ...


members_cases: Provider[MembersCases] = Provider("members_cases", _own_submissions)


class MembersOwnCases(Protocol):
    def __call__(self, user: User, /) -> Q: ...


def _submitted_by(user: User, /) -> Q:
    return Q(submitted_by=user)


#: Of the cases a councillor or clerk follows, those they read in full (their free text and
#: the resident), as a condition over cases: always those they raised; councillors add a
#: clerk's council's. Of the others they read only the outline (``contacts.visibility``).
members_own_cases: Provider[MembersOwnCases] = Provider("members_own_cases", _submitted_by)


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
    def __call__(
        self, *, case: Case, actor: User | None, now: datetime, rules_version: str
    ) -> object: ...


#: A case was stored, inside the creating transaction (``rules_version``: the case rules read;
#: ``actor``: who logged it, ``None`` for an inbound channel). Messaging owes the
#: acknowledgement and the out-of-office reply; complaints put a compliment in the compliments
#: register; councillors make a case logged for a councillor or clerk their enquiry; publishing
#: gives a web change its publication request (docs/adr/0033).
case_created: Hook[CaseCreated] = Hook("case_created")


class CaseRowsOwed(Protocol):
    def __call__(
        self, rows: list[Model], /, *, case: Case, now: datetime, rules_version: str
    ) -> list[Model]: ...


#: Rows a new case owes from the moment it exists, written in the very statement that writes
#: the case (``common.bulk.rows_insert_linked``, docs/adr/0037): each rule returns ``rows`` with
#: its own unsaved rows added, each with a ``case`` foreign key that the statement fills with the
#: new case's id. Called inside the creating transaction, before ``case_created``; ``case`` is
#: not saved yet (no primary key), its reference is. Messaging owes the acknowledgement.
case_rows_owed: Filters[list[Model]] = Filters("case_rows_owed")


class MilestoneExtended(Protocol):
    def __call__(
        self, *, case: Case, milestone: Milestone, actor: User | None, now: datetime
    ) -> object: ...


#: A deadline was extended and the customer is to be told: messaging owes the notice.
milestone_extended: Hook[MilestoneExtended] = Hook("milestone_extended")


class VoicemailAcknowledged(Protocol):
    def __call__(
        self, *, case: Case, callback: Milestone, agreed: bool, actor: User, now: datetime
    ) -> object: ...


#: A voicemail was acknowledged, with the callback it promises (``agreed``: at the time the
#: officer gave, else by the end of that day): messaging owes the caller the callback time.
voicemail_acknowledged: Hook[VoicemailAcknowledged] = Hook("voicemail_acknowledged")


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
