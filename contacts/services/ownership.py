"""Who holds a case: taking it, and handing it to a colleague or a team."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from common.errors import ServiceError

from .. import hooks
from ..event_payloads import transfer_payload
from ..models import (
    Case,
    CaseEvent,
    CaseKind,
    EventKind,
)
from ..selectors import transfer_colleagues
from ..timeline import event_record
from .steps import case_locked, ensure_open


def _is_colleague(user: User, case: Case) -> bool:
    """An active member of staff of the case's service."""
    return user.is_active and user.works_cases and user.service_id == case.service_id


def _may_receive(user: User, case: Case) -> bool:
    """Whoever receives a case must be able to open it: complaints are confidential."""
    return case.kind != CaseKind.COMPLAINT or (
        transfer_colleagues(case=case).filter(pk=user.pk).exists()
    )


@transaction.atomic
def case_take(*, case: Case, actor: User, now: datetime | None = None) -> Case:
    """The actor becomes the case's owner (and the case moves to their team)."""
    now = now or timezone.now()
    case = case_locked(case)
    ensure_open(case)
    if not _is_colleague(actor, case):
        raise ServiceError({"owner": _("Only staff of the case's service can own it.")})
    if case.owner_id == actor.pk:
        raise ServiceError({"owner": _("You already own this case.")})
    event_record(
        case=case,
        kind=EventKind.TRANSFERRED,
        at=now,
        actor=actor,
        payload=transfer_payload(from_user=case.owner_id, from_team=case.team_id, to_user=actor.pk),
    )
    case.owner = actor
    case.team_id = actor.team_id
    case.save(update_fields=["owner", "team", "modified_at"])
    return case


@transaction.atomic
def case_transfer(
    *,
    case: Case,
    actor: User,
    note: str,
    to_user: User | None = None,
    to_team: Team | None = None,
    now: datetime | None = None,
) -> CaseEvent:
    """Hand the case to a colleague, or to a team's queue, of the same service, saying why.
    The receiver is told by e-mail (``hooks.case_transferred``)."""
    now = now or timezone.now()
    case = case_locked(case)
    ensure_open(case)
    errors: dict[str, str] = {}
    if (to_user is None) == (to_team is None):
        errors["to"] = _("Choose one colleague or one team.")
    elif to_user is not None:
        if not _is_colleague(to_user, case):
            errors["to"] = _("Choose a member of staff of the case's service.")
        elif not _may_receive(to_user, case):
            errors["to"] = _(
                "A complaint can go only to a complaints officer or manager of the service "
                "who is not named in it."
            )
        elif to_user.pk == case.owner_id:
            errors["to"] = _("The case is already theirs.")
    elif to_team is not None:
        if to_team.service_id != case.service_id:
            errors["to"] = _("Choose a team of the case's service.")
        elif to_team.pk == case.team_id and case.owner_id is None:
            errors["to"] = _("The case is already in that team's queue.")
    if not note.strip():
        errors["note"] = _("Write a note for the person receiving the case.")
    if errors:
        raise ServiceError(errors)
    event = event_record(
        case=case,
        kind=EventKind.TRANSFERRED,
        at=now,
        actor=actor,
        payload=transfer_payload(
            from_user=case.owner_id,
            from_team=case.team_id,
            to_user=to_user.pk if to_user else None,
            to_team=to_team.pk if to_team else None,
        ),
        text=note.strip(),
    )
    if to_user is not None:
        case.owner, case.team_id = to_user, to_user.team_id
    else:
        case.owner, case.team = None, to_team
    case.save(update_fields=["owner", "team", "modified_at"])
    hooks.case_transferred(event=event, now=now)
    return event
