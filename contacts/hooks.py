"""What the apps built on ``contacts`` tell it: an explicit registry that ``contacts`` owns.

``contacts`` sits below messaging, complaints and councillors (docs/adr/0015), so it cannot
import them. Where a case needs something from a higher app — a message owed when a case is
created, a councillor told when it is resolved, a confidentiality rule — the higher app
registers a function here in its ``AppConfig.ready()``. ``contacts`` calls every registered
function in registration order, synchronously and inside the caller's transaction, so a
failure rolls the action back like any other. These are not Django signals: each hook is
declared once here, with its arguments typed, and ``registered()`` lists who listens.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Generic, ParamSpec, TypeVar

if TYPE_CHECKING:  # names for the hooks' types only: contacts' models import nothing from here
    from accounts.models import User

    from .models import Case, CaseEvent, Milestone

P = ParamSpec("P")


class Hook(Generic[P]):
    """A named, ordered list of functions ``contacts`` calls at one point of its work."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[Callable[P, object]] = []

    def register(self, function: Callable[P, object]) -> Callable[P, object]:
        """Add ``function`` (once: ``ready()`` may run more than once in tests)."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for function in self._functions:
            function(*args, **kwargs)

    def registered(self) -> tuple[Callable[P, object], ...]:
        return tuple(self._functions)


R = TypeVar("R")


class Provider(Generic[P, R]):
    """One function a higher app provides for ``contacts`` to ask something of it; ``default``
    answers while none is registered (an app left out of ``INSTALLED_APPS``)."""

    def __init__(self, name: str, default: R) -> None:
        self.name = name
        self.default = default
        self._function: Callable[P, R] | None = None

    def register(self, function: Callable[P, R]) -> Callable[P, R]:
        self._function = function
        return function

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._function is None:
            return self.default
        return self._function(*args, **kwargs)

    def registered(self) -> Callable[P, R] | None:
        return self._function


# --- Messages (registered by ``messaging.apps``) ---------------------------------------------
# ``contacts`` never imports ``messaging``: at each point where a case owes a message, it calls
# the hook, and ``messaging`` writes the message in the caller's transaction.

#: A case was stored: (case, now, version of the case rules read) — the acknowledgement and the
#: out-of-office reply it owes.
case_created: Hook[["Case", datetime, str]] = Hook("case_created")
#: A case was resolved: (case with its relations, actor, the message for the customer, now).
case_resolved: Hook[["Case", "User | None", str, datetime]] = Hook("case_resolved")
#: A deadline was extended and the customer is to be told: (case, milestone, actor, now).
milestone_extended: Hook[["Case", "Milestone", "User", datetime]] = Hook("milestone_extended")
#: A case was transferred: (the transfer's timeline event, now) — the receiver is told.
case_transferred: Hook[["CaseEvent", datetime]] = Hook("case_transferred")
#: The SLA sweep moved milestones: (their ids, the transition, now) — staff alerts owed.
sla_alerts_owed: Hook[[Sequence[int], str, datetime]] = Hook("sla_alerts_owed")
#: How a message to the case's customer would go, in words for the case page (or ``None``).
message_way: Provider[["Case"], object | None] = Provider("message_way", None)
