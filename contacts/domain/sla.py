"""A case's SLA state at a glance, from the states of its milestones."""

from collections.abc import Iterable

#: Milestone states from the one a queue must show first to the last. A case with one breached
#: milestone is breached, whatever its others say.
SEVERITY = ("breached", "due_soon", "pending", "met_late", "met")


def worst_state(states: Iterable[str]) -> str | None:
    """The most urgent of ``states``, or ``None`` for a case without milestones (a compliment,
    a reception drop-in that is only measured)."""
    present = set(states)
    return next((state for state in SEVERITY if state in present), None)
