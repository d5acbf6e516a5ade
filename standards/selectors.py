"""Reads of the catalogue and the calendar."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import transaction

from .domain.calendar import BusinessHours as Hours
from .domain.calendar import WorkingCalendar
from .domain.selection import SelectionKey, select_standard
from .models import BusinessHours, ClosureDay, Standard

#: Creating a case needs the selectable standards, their targets and the calendar; they change
#: a few times a year, so they are read once into the shared cache (Redis in production) rather
#: than with four queries per case. Every change made through the admin or the services clears
#: the entry after its transaction commits; a change made some other way shows within this time.
CASE_RULES_KEY = "standards:case-rules:v1"
CASE_RULES_SECONDS = 300


@dataclass(frozen=True)
class CaseRules:
    selectable: dict[str, Standard]  # by code, targets loaded
    calendar: WorkingCalendar

    def standard_for(self, *, channel: str, contact_type: str, kind: str) -> Standard | None:
        keys = [
            SelectionKey(s.code, s.channel, s.contact_type, s.case_kind)
            for s in self.selectable.values()
        ]
        code = select_standard(keys, channel=channel, contact_type=contact_type, kind=kind)
        return self.selectable[code] if code else None


def case_rules() -> CaseRules:
    rules = cache.get(CASE_RULES_KEY)
    if rules is None:
        standards = Standard.objects.filter(selectable=True, is_active=True).prefetch_related(
            "targets"
        )
        rules = CaseRules(
            selectable={standard.code: standard for standard in standards},
            calendar=working_calendar(),
        )
        cache.set(CASE_RULES_KEY, rules, CASE_RULES_SECONDS)
    return rules


def case_rules_forget() -> None:
    """Drop the cached rules once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: cache.delete(CASE_RULES_KEY))


def working_calendar(*, from_date: date | None = None) -> WorkingCalendar:
    """The calendar as administrators keep it, read from the database (uncommitted changes of
    the current transaction included); closures before ``from_date`` cannot matter."""
    closures = ClosureDay.objects.all()
    if from_date is not None:
        closures = closures.filter(date__gte=from_date)
    hours = BusinessHours.objects.order_by("pk").first()
    return WorkingCalendar(
        closures=frozenset(closures.values_list("date", flat=True)),
        hours=Hours(opens=hours.opens, closes=hours.closes) if hours else Hours(),
    )


def standard_for_case(*, channel: str, contact_type: str, kind: str) -> Standard | None:
    """The selectable standard that best fits a new case, with its targets loaded."""
    return case_rules().standard_for(channel=channel, contact_type=contact_type, kind=kind)


def standard_get(code: str) -> Standard | None:
    return Standard.objects.filter(code=code, is_active=True).prefetch_related("targets").first()
