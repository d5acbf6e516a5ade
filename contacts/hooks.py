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

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from django.db.models import Q, QuerySet

from accounts.models import User

from .models import Case, CaseEvent, Milestone

F = TypeVar("F", bound=Callable[..., object])


class Hook(Generic[F]):
    """A named, ordered list of functions ``contacts`` calls at one point of its work; ``F``,
    a Protocol, is what each function takes, so mypy checks both the registrations and the
    calls."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[F] = []

    def register(self, function: F) -> F:
        """Add ``function`` (once: ``ready()`` may run more than once in tests)."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    if TYPE_CHECKING:
        __call__: F
    else:

        def __call__(self, *args: Any, **kwargs: Any) -> None:
            for function in self._functions:
                function(*args, **kwargs)

    def registered(self) -> tuple[F, ...]:
        return tuple(self._functions)


T = TypeVar("T")


class Filters(Generic[T]):
    """An ordered list of rules, each narrowing what the one before it left (a queryset of
    cases a user may see, of colleagues who may receive a case…)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._rules: list[Callable[..., T]] = []

    def register(self, rule: Callable[..., T]) -> Callable[..., T]:
        if rule not in self._rules:
            self._rules.append(rule)
        return rule

    def apply(self, value: T, /, **context: Any) -> T:
        for rule in self._rules:
            value = rule(value, **context)
        return value

    def registered(self) -> tuple[Callable[..., T], ...]:
        return tuple(self._rules)


class Provider(Generic[F]):
    """One answer that a higher app gives: at most one function is registered, and
    ``default`` answers while none is."""

    def __init__(self, name: str, default: F) -> None:
        self.name = name
        self._default = default
        self._function: F | None = None

    def register(self, function: F) -> F:
        if self._function not in (None, function):
            raise RuntimeError(f"{self.name} is already provided by {self._function!r}")
        self._function = function
        return function

    if TYPE_CHECKING:
        __call__: F
    else:

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return (self._function or self._default)(*args, **kwargs)


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


class CasesViewed(Protocol):
    def __call__(self, *, user: User, cases: Iterable[Case], via: str) -> object: ...


#: Cases a user was shown (``via``: "case_page" or "api"): complaints log who looked at a
#: complaint.
cases_viewed: Hook[CasesViewed] = Hook("cases_viewed")


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
