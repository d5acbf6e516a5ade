"""Telling the customer who is dealing with their enquiry and when the full response will come:
the second step of a text's standard (SPEC §10), sent by an officer from the case page or the
API in one action.

The message goes through the outbox like every other; the confirmation milestone is met when
it has gone (``delivery._promises_kept``), through the milestone writer, so a message that
cannot be delivered meets nothing and shows as failed on the case.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from common.errors import ServiceError
from contacts.models import Case
from contacts.services.steps import case_locked, ensure_open
from standards import milestone_kinds
from standards.selectors import working_calendar

from .domain.confirmations import DayRefused, promised_day_refusal
from .messages import full_response_due
from .models import DeliveryState, OutboundMessage, Purpose
from .outbox import confirmation_queue

REFUSALS = {
    DayRefused.MISSING: gettext_lazy("Enter the date the customer will get a full response"),
    DayRefused.PAST: gettext_lazy("The date of the full response cannot be in the past"),
    DayRefused.NOT_WORKING_DAY: gettext_lazy("The date of the full response must be a working day"),
}


def confirmation_owed(case: Case) -> bool:
    """Whether ``case`` (its milestones prefetched) still owes the customer a confirmation."""
    return any(m.kind in milestone_kinds.CONFIRMS and m.is_open for m in case.milestones.all())


def case_deadline(case: Case) -> datetime | None:
    """The case's own full-response deadline (its milestones prefetched), if it has one: then
    the officer gives no date."""
    return full_response_due(case.milestones.all())


@transaction.atomic
def case_confirm(
    *,
    case: Case,
    actor: User,
    full_response_on: date | None = None,
    idempotency_key: str = "",
    now: datetime | None = None,
) -> OutboundMessage:
    """Owe the customer the message naming who is dealing with their enquiry and the date of
    the full response: the case's own full-response deadline, else ``full_response_on`` (a
    working day, not in the past). Refused, with nothing changed, when the case owes no
    confirmation, one is already on its way, or the date cannot be promised."""
    now = now or timezone.now()
    case = case_locked(case)
    ensure_open(case)
    case = Case.objects.select_related("customer", "service", "team", "owner").get(pk=case.pk)
    if not confirmation_owed(case):
        raise ServiceError(
            {"status": _("The customer has already been told who is dealing with it and when.")}
        )
    on_its_way = OutboundMessage.objects.filter(
        case=case,
        purpose=Purpose.CONFIRMATION,
        state__in=(DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.HELD),
    )
    if on_its_way.exists():
        raise ServiceError(
            {"status": _("A message saying who is dealing with it is already on its way.")}
        )
    due = case_deadline(case) or _promised_time(full_response_on, now=now)
    return confirmation_queue(
        case=case, author=actor, due=due, now=now, idempotency_key=idempotency_key
    )


def _promised_time(day: date | None, *, now: datetime) -> datetime:
    """The end of business on the day the officer promises, if it can be promised."""
    today = timezone.localdate(now)
    calendar = working_calendar(from_date=today)
    refusal = promised_day_refusal(day=day, today=today, is_working_day=calendar.is_working_day)
    if refusal is not None or day is None:
        raise ServiceError({"full_response_on": str(REFUSALS[refusal or DayRefused.MISSING])})
    return calendar.end_of_business(day)
