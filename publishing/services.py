"""Web change requests and emergency information: raised as cases, published per language.

Every case is made by ``case_create``, every milestone written by the one milestone writer
and every event by the one timeline writer (docs/adr/0017); this module only decides which
milestones a request owes, when their clocks start, and what publishing a page does
(docs/adr/0033, docs/spec.md "Web changes and emergency information").
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Service, Team, User
from common.errors import ServiceError
from contacts.channel_details import parse_details
from contacts.models import Case, CaseKind, EventKind, Milestone
from contacts.services import case_create, case_resolve, threshold_of
from contacts.services.milestone_writer import Timing, milestone_retime, milestones_meet
from contacts.services.steps import case_locked, ensure_open
from contacts.timeline import event_record
from standards import milestone_kinds
from standards.channels import Channel
from standards.domain.deadlines import DeadlineError, Rule, compute_deadline
from standards.selectors import working_calendar

from .domain.clock import change_counts_from
from .models import PublicationRequest

#: The page published in each language: its milestone (``standards.milestone_kinds``).
ENGLISH, WELSH = "en", "cy"
MILESTONE_OF = {ENGLISH: milestone_kinds.PUBLISH, WELSH: milestone_kinds.WELSH_VERSION}
#: The web forms these cases are recorded as having come by (the staff pages' own).
CHANGE_FORM, EMERGENCY_FORM = "web-change-request", "emergency-information"
#: The longest address stored (``PublicationRequest.english_url``/``welsh_url``).
URL_MAX = 500


def web_team() -> Team | None:
    """The team an administrator marked as the web team, while it takes cases."""
    return Team.objects.select_related("service").filter(web_team=True, active=True).first()


def _web_team_or_refuse() -> Team:
    team = web_team()
    if team is None:
        raise ServiceError(
            {"__all__": _("No team is set up as the web team. Ask an administrator to mark one.")}
        )
    return team


@dataclass(frozen=True)
class ChangeAsked:
    page: str
    change: str
    takes_place_on: date | None
    requested_by: Service
    english_needed: bool = True
    welsh_needed: bool = True


def web_change_request(*, asked: ChangeAsked, actor: User, now: datetime | None = None) -> Case:
    """A change to the website for the web team: its pages are due within the target's
    working days of the change taking place (or of receipt, for a change already made)."""
    now = now or timezone.now()
    if not (asked.english_needed or asked.welsh_needed):
        raise ServiceError({"languages": _("At least one of the pages must be needed.")})
    team = _web_team_or_refuse()
    zone = ZoneInfo(settings.TIME_ZONE)
    counts_from = change_counts_from(
        takes_place_on=asked.takes_place_on, received_at=now, zone=zone
    )
    not_owed = [
        MILESTONE_OF[language]
        for language, needed in ((ENGLISH, asked.english_needed), (WELSH, asked.welsh_needed))
        if not needed
    ]
    with transaction.atomic():
        created = case_create(
            channel=Channel.WEBFORM,
            details=parse_details(Channel.WEBFORM, {"form": CHANGE_FORM}),
            kind=CaseKind.WEB_CONTENT_CHANGE,
            service=team.service,
            team=team,
            summary=_summary(asked.page),
            description=asked.change,
            received_at=now,
            language="",
            actor=actor,
            counts_from=counts_from,
            not_owed=not_owed,
            now=now,
        )
        # The row ``hooks.on_case_created`` made, completed.
        PublicationRequest.objects.update_or_create(
            case=created.case,
            defaults={
                "page": asked.page,
                "change": asked.change,
                "takes_place_on": asked.takes_place_on,
                "requested_by": asked.requested_by,
            },
        )
    return created.case


@dataclass(frozen=True)
class EmergencyRaised:
    what: str
    where: str
    affected: str


def emergency_raise(*, raised: EmergencyRaised, actor: User, now: datetime | None = None) -> Case:
    """Emergency information for the web team, in one action: the English version is due
    within the target's hours; the Welsh version's clock starts when the English version is
    published (``page_publish``)."""
    now = now or timezone.now()
    team = _web_team_or_refuse()
    with transaction.atomic():
        created = case_create(
            channel=Channel.WEBFORM,
            details=parse_details(Channel.WEBFORM, {"form": EMERGENCY_FORM}),
            kind=CaseKind.EMERGENCY_INFORMATION,
            service=team.service,
            team=team,
            summary=_summary(raised.what),
            description=raised.what,
            received_at=now,
            language="",
            actor=actor,
            started_later=[milestone_kinds.WELSH_VERSION],
            now=now,
        )
        PublicationRequest.objects.update_or_create(
            case=created.case,
            defaults={
                "emergency": True,
                "page": raised.where,
                "change": raised.what,
                "affected": raised.affected,
            },
        )
    return created.case


def _summary(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 200 else line[:199] + "…"


@transaction.atomic
def page_publish(
    *, case: Case, language: str, url: str, actor: User, now: datetime | None = None
) -> Milestone:
    """The page in ``language`` is published at ``url``: its milestone met (on time or late)
    and the address on the timeline. An emergency's English publication starts the Welsh
    version's clock; the last page owed resolves the case.

    Publishing the Welsh version of an emergency before the English one is allowed (nothing
    in the standards puts Welsh second by choice): it is met without a deadline, and the
    English one keeps its own.
    """
    now = now or timezone.now()
    case = case_locked(case)
    ensure_open(case)
    request = PublicationRequest.objects.select_for_update().filter(case=case).first()
    if request is None or language not in MILESTONE_OF:
        raise ServiceError({"language": _("Choose the language of the page published.")})
    url = url.strip()
    if not url:
        raise ServiceError({"url": _("Enter the address of the published page.")})
    try:
        # Shown as a link on the staff pages: a web address, never a script.
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ServiceError(
            {"url": _("Enter the page's full address, like https://www.example.gov.wales/page.")}
        ) from None
    if len(url) > URL_MAX:
        raise ServiceError(
            {"url": _("Write no more than %(limit_value)s characters.") % {"limit_value": URL_MAX}}
        )
    milestones = {m.kind: m for m in case.milestones.select_related("target")}
    milestone = milestones.get(MILESTONE_OF[language])
    if milestone is None:
        raise ServiceError({"language": _("This page was marked as not needed.")})
    if not milestone.is_open:
        raise ServiceError({"language": _("This page has already been published.")})

    (met,) = milestones_meet([milestone], at=now, actor=actor)
    event_record(
        case=case,
        kind=EventKind.PUBLISHED,
        at=now,
        actor=actor,
        milestone=met,
        payload={"language": language, "url": url},
    )
    field = "english_url" if language == ENGLISH else "welsh_url"
    setattr(request, field, url)
    request.save(update_fields=[field])

    welsh = milestones.get(milestone_kinds.WELSH_VERSION)
    if request.emergency and language == ENGLISH and welsh is not None and welsh.is_open:
        _welsh_clock_start(welsh, english_at=now, now=now)
    if all(not m.is_open for m in milestones.values() if m.kind in milestone_kinds.PUBLICATIONS):
        case_resolve(case=case, actor=actor, note=_("Every page owed is published."), now=now)
    return met


def _welsh_clock_start(welsh: Milestone, *, english_at: datetime, now: datetime) -> None:
    """The Welsh version counts from the English publication, by its target's rule."""
    target = welsh.target
    try:
        deadline = compute_deadline(
            Rule(target.rule),
            target.amount,
            received_at=english_at,
            calendar=working_calendar(from_date=timezone.localdate(english_at)),
            threshold=threshold_of(target),
        )
    except (DeadlineError, ValueError) as error:
        # An administrator set a rule that needs a scheduled time: a data error to fix.
        raise ServiceError(
            {"language": _("The Welsh version's target cannot be timed. Ask an administrator.")}
        ) from error
    milestone_retime(
        welsh, timing=Timing(rule=target.rule, starts_at=english_at, deadline=deadline), now=now
    )
