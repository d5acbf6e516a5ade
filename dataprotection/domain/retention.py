"""Which retention rule applies to a closed case, and when its personal data is due to go.

Pure rules (no Django): the job's SQL (dataprotection/selectors) follows the same order and the
same arithmetic, and the tests of both are worked out by hand from the same cases.

A rule names a case kind (or none: every kind), a service (or none: every service) and whether it
is only for confidential cases (social-care flagged cases and complaints are confidential). The
most specific rule that matches wins: a service outranks a kind, a kind outranks the confidential
flag; so "complaints of social care" beats "complaints", which beats "confidential cases", which
beats the catch-all. Rules are unique on (kind, service, confidential only), so no two tie.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Action(StrEnum):
    ANONYMISE = "anonymise"
    DELETE = "delete"


@dataclass(frozen=True)
class Rule:
    id: int
    kind: str  # "" = every kind
    service_id: int | None  # None = every service
    confidential_only: bool
    months: int
    action: Action = Action.ANONYMISE


@dataclass(frozen=True)
class ClosedCase:
    kind: str
    service_id: int
    confidential: bool
    closed_on: date  # the local (Europe/London) date of closure


@dataclass(frozen=True)
class Due:
    rule: Rule
    on: date  # the first day the personal data may go


class RetentionError(ValueError):
    """A rule the schedule cannot hold."""


def specificity(rule: Rule) -> int:
    """Service 4, kind 2, confidential only 1: higher is more specific (no ties, see above)."""
    return (
        (4 if rule.service_id is not None else 0)
        + (2 if rule.kind else 0)
        + (1 if rule.confidential_only else 0)
    )


def matches(rule: Rule, case: ClosedCase) -> bool:
    return (
        (not rule.kind or rule.kind == case.kind)
        and (rule.service_id is None or rule.service_id == case.service_id)
        and (not rule.confidential_only or case.confidential)
    )


def rule_for(rules: list[Rule] | tuple[Rule, ...], case: ClosedCase) -> Rule | None:
    """The most specific rule matching the case, or None when the schedule has none for it."""
    matching = [rule for rule in rules if matches(rule, case)]
    return max(matching, key=specificity, default=None)


def add_months(day: date, months: int) -> date:
    """Calendar months later, a short month's last day when the day does not exist there
    (31 August + 6 months = 28 February, or 29th in a leap year), as PostgreSQL's
    ``date + interval 'N months'`` does, so that the job's SQL and this agree."""
    if months <= 0:
        raise RetentionError("a retention period is at least one month")
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def due(rules: list[Rule] | tuple[Rule, ...], case: ClosedCase) -> Due | None:
    """The rule for the case and the day its data is due to go (closure + the rule's period)."""
    rule = rule_for(rules, case)
    if rule is None:
        return None
    return Due(rule=rule, on=add_months(case.closed_on, rule.months))


def is_due(rules: list[Rule] | tuple[Rule, ...], case: ClosedCase, today: date) -> bool:
    decision = due(rules, case)
    return decision is not None and decision.on <= today
