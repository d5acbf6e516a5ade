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

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from django.db.models import QuerySet

from accounts.models import User

from .models import Case

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
#: Councillors tell the member who raised it.
case_resolved: Hook[CaseResolved] = Hook("case_resolved")
