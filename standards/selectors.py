"""Reads of the catalogue and the calendar."""

from datetime import date

from django.db.models import prefetch_related_objects

from .domain.calendar import BusinessHours as Hours
from .domain.calendar import WorkingCalendar
from .domain.selection import SelectionKey, select_standard
from .models import BusinessHours, ClosureDay, Standard


def working_calendar(*, from_date: date | None = None) -> WorkingCalendar:
    """The calendar as administrators keep it; closures before ``from_date`` cannot matter."""
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
    candidates = {
        standard.code: standard
        for standard in Standard.objects.filter(selectable=True, is_active=True)
    }
    keys = [
        SelectionKey(s.code, s.channel, s.contact_type, s.case_kind) for s in candidates.values()
    ]
    code = select_standard(keys, channel=channel, contact_type=contact_type, kind=kind)
    if code is None:
        return None
    standard = candidates[code]
    prefetch_related_objects([standard], "targets")
    return standard


def standard_get(code: str) -> Standard | None:
    return Standard.objects.filter(code=code, is_active=True).prefetch_related("targets").first()
