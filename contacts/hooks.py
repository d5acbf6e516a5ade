"""What the apps built on ``contacts`` tell it: an explicit registry that ``contacts`` owns.

``contacts`` sits below messaging, complaints and councillors (docs/adr/0015), so it cannot
import them. Where a case needs something from a higher app — a message owed when a case is
created, a councillor told when it is resolved, a confidentiality rule — the higher app
registers a function here in its ``AppConfig.ready()``. ``contacts`` calls every registered
function in registration order, synchronously and inside the caller's transaction, so a
failure rolls the action back like any other. These are not Django signals: each hook is
declared once here, with its arguments typed, and ``registered()`` lists who listens.
"""

from collections.abc import Callable
from typing import Generic, ParamSpec

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
