"""What a lower app needs to be told by the apps built on it: the registries it owns.

An app imports only the apps below it (docs/adr/0015). Where it must learn something from a
higher app — a rule, an answer, a moment to act — it declares each hook, typed, in a module
of its own (``contacts/hooks.py``, ``audit/hooks.py``), and the higher app registers a
function in its ``AppConfig.ready()``. Functions are called in registration order,
synchronously and inside the caller's transaction, so a failure rolls the action back like any
other. These are not Django signals: each hook is declared once, with its arguments typed, and
``registered()`` lists who listens.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

F = TypeVar("F", bound=Callable[..., object])


class Hook(Generic[F]):
    """A named, ordered list of functions the owning app calls at one point of its work; ``F``,
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
