"""Reads of the catalogue and the calendar."""

import time
import uuid
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import transaction

from accounts.models import Service
from common.request_cache import read_together, request_forget, request_get
from common.request_context import current_request

from .domain.calendar import BusinessHours as Hours
from .domain.calendar import WorkingCalendar
from .domain.selection import SelectionKey, select_standard
from .models import BusinessHours, ClosureDay, Section, Standard

#: Creating a case needs the selectable standards, their targets, the calendar and the services.
#: They change a few times a year, so each process keeps the set it built last, tagged with a
#: version held in the shared cache (Redis in production), instead of five queries per case. Any
#: change through the admin, the services or a service's save drops the version after its
#: transaction commits, and every process rebuilds on its next case; the version also expires,
#: so a change made some other way (a shell, a migration) shows within ``CASE_RULES_SECONDS``.
#: The memo is never the source of truth: losing it costs one rebuild.
CASE_RULES_VERSION_KEY = "standards:case-rules:version"
CASE_RULES_SECONDS = 300
#: While the shared cache is unreachable, a change to the rules shows within this long.
CASE_RULES_OUTAGE_SECONDS = 30
_built: dict[str, "CaseRules"] = {}
#: Where a request keeps the version it read (``case_rules_version``).
_REQUEST_MEMO = "_case_rules_version"
# Most API requests need it, the first shared-cache read of a request brings it along.
read_together(CASE_RULES_VERSION_KEY)


@dataclass(frozen=True)
class CaseRules:
    selectable: dict[str, Standard]  # by code, targets loaded
    calendar: WorkingCalendar
    services: dict[str, Service]  # every service, by code: an API request names its service
    version: str = ""  # what it was built under: other memos of the same version key on it

    def standard_for(self, *, channel: str, contact_type: str, kind: str) -> Standard | None:
        keys = [
            SelectionKey(s.code, s.channel, s.contact_type, s.case_kind)
            for s in self.selectable.values()
        ]
        code = select_standard(keys, channel=channel, contact_type=contact_type, kind=kind)
        return self.selectable[code] if code else None


def case_rules_version() -> str:
    """The current version of what creating a case reads; other per-process memos of such
    things (the message templates in use) key on it too, so one ``case_rules_forget`` renews
    them all."""
    # One request reads one version: an API case asked for it twice (its service, then
    # ``case_create``), a round trip to Redis each (docs/adr/0037).
    request = current_request.get()
    known: str | None = getattr(request, _REQUEST_MEMO, None)
    if known:
        return known
    version = request_get(CASE_RULES_VERSION_KEY)
    if version is None:
        cache.add(CASE_RULES_VERSION_KEY, uuid.uuid4().hex, CASE_RULES_SECONDS)
        version = cache.get(CASE_RULES_VERSION_KEY)
    # None only while the cache is unreachable. Nobody can renew the memo then, so it is kept
    # for one window of ``CASE_RULES_OUTAGE_SECONDS`` at most: reading the rules on every
    # request instead slowed each to a crawl for as long as Redis was away (issue 20, item 4).
    version = version or f"cache-away-{int(time.time() // CASE_RULES_OUTAGE_SECONDS)}"
    if request is not None:
        setattr(request, _REQUEST_MEMO, version)
    return version


def case_rules(*, version: str | None = None) -> CaseRules:
    version = version or case_rules_version()
    rules = _built.get(version)
    if rules is None:
        standards = Standard.objects.filter(selectable=True, is_active=True).prefetch_related(
            "targets"
        )
        rules = CaseRules(
            selectable={standard.code: standard for standard in standards},
            calendar=working_calendar(),
            services={service.code: service for service in Service.objects.all()},
            version=version,
        )
        _built.clear()
        _built[version] = rules
    return rules


def case_rules_forget() -> None:
    """Make every process rebuild its rules once the current transaction commits (this
    request too, if it reads them again)."""
    request = current_request.get()

    def forget() -> None:
        cache.delete(CASE_RULES_VERSION_KEY)
        if request is not None and hasattr(request, _REQUEST_MEMO):
            delattr(request, _REQUEST_MEMO)
        request_forget(CASE_RULES_VERSION_KEY, request)

    transaction.on_commit(forget)


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


def published_standards() -> list[tuple[Section, list[Standard]]]:
    """The active standards as the public page shows them: by section, in the source
    document's order, each with its behaviours and targets loaded (three queries, whatever
    the catalogue's size). Read live, so an administrator's change shows on the next view."""
    standards = Standard.objects.filter(is_active=True).prefetch_related("behaviours", "targets")
    by_section: dict[str, list[Standard]] = {}
    for standard in standards:
        by_section.setdefault(standard.section, []).append(standard)
    return [(section, by_section[section]) for section in Section if section in by_section]


def standard_names() -> dict[int, str]:
    """Every standard's name for people (its "when the customer ..." in the active language,
    never its code), by id."""
    return {standard.pk: standard.event for standard in Standard.objects.all()}
