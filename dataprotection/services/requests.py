"""Subject access requests (UK GDPR art. 12(3), docs/adr/0031): a request is a case of the
``subject_access`` kind, made by ``case_create`` through the log-contact form like any other
contact; its standard promises the response within one calendar month of receipt. This module
holds what is particular to it: the extension by two further months."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError
from contacts.models import Case, CaseKind
from contacts.services.milestones import milestone_extend
from standards.domain.deadlines import within_calendar_months
from standards.selectors import working_calendar

from ..selectors import DEADLINE_KIND

#: The statutory month, and the most the law allows with an extension (art. 12(3)).
MONTHS = 1
EXTENDED_MONTHS = 3


def is_request(case: Case) -> bool:
    return case.kind == CaseKind.SUBJECT_ACCESS


def extended_due_at(case: Case) -> datetime:
    """Three calendar months from receipt: the latest the response may come."""
    calendar = working_calendar(from_date=timezone.localdate(case.received_at))
    return within_calendar_months(case.received_at, EXTENDED_MONTHS, calendar)


@transaction.atomic
def request_extend(
    *, case: Case, reason: str, actor: User | None, now: datetime | None = None
) -> None:
    """Extend the request to three calendar months from receipt, with the reason. The one
    extension path does the rest: the milestone writer records it on the timeline, and the
    requester is told why and the new date through the one outbox (the extension notice)."""
    if not is_request(case):
        raise ServiceError({"case": _("This case is not a subject access request.")})
    if not reason.strip():
        raise ServiceError({"reason": _("Give the reason for the extension.")})
    milestone = case.milestones.filter(kind=DEADLINE_KIND).first()
    new_due_at = extended_due_at(case)
    if milestone is None or milestone.due_at is None:
        raise ServiceError({"case": _("This request has no deadline to extend.")})
    if milestone.due_at >= new_due_at:
        raise ServiceError(
            {"reason": _("This request has already been extended as far as the law allows.")}
        )
    milestone_extend(
        case=case,
        kind=DEADLINE_KIND,
        new_due_at=new_due_at,
        reason=reason.strip(),
        actor=actor,
        now=now,
    )
