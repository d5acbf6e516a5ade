"""The case lifecycle: new → acknowledged → in progress ⇄ awaiting customer → resolved → closed.

A contact may be dealt with on the spot, so a case can move forward past states it never needed;
it moves back only by being reopened, which costs it its "right first time".
"""

NEW = "new"
ACKNOWLEDGED = "acknowledged"
IN_PROGRESS = "in_progress"
AWAITING_CUSTOMER = "awaiting_customer"
RESOLVED = "resolved"
CLOSED = "closed"

ALLOWED: dict[str, frozenset[str]] = {
    NEW: frozenset({ACKNOWLEDGED, IN_PROGRESS, AWAITING_CUSTOMER, RESOLVED}),
    ACKNOWLEDGED: frozenset({IN_PROGRESS, AWAITING_CUSTOMER, RESOLVED}),
    IN_PROGRESS: frozenset({AWAITING_CUSTOMER, RESOLVED}),
    AWAITING_CUSTOMER: frozenset({IN_PROGRESS, RESOLVED}),
    RESOLVED: frozenset({CLOSED, IN_PROGRESS}),
    CLOSED: frozenset({IN_PROGRESS}),
}

REOPENABLE = frozenset({RESOLVED, CLOSED})
OPEN = frozenset({NEW, ACKNOWLEDGED, IN_PROGRESS, AWAITING_CUSTOMER})


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, frozenset())


def status_after_acknowledgement(current: str) -> str:
    """An acknowledgement moves only a new case on."""
    return ACKNOWLEDGED if current == NEW else current


def status_after_response(current: str) -> str:
    """A response puts a case that was waiting to be picked up in progress."""
    return IN_PROGRESS if current in (NEW, ACKNOWLEDGED) else current
