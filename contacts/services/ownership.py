"""Who holds a case: taking it, and handing it to a colleague or a team."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Service, Team, User
from common.errors import ServiceError
from routing.reasons import MisrouteReason

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


def _receiver_refusal(user: User, case: Case) -> str | None:
    """Why ``user`` may not be handed ``case``, or ``None``: whoever receives a case must be
    an active member of staff of an active team and service who may open it."""
    team = user.team
    if not (user.is_active and user.works_cases and team and team.active and team.service.active):
        return _("Choose an active member of staff.")
    if transfer_colleagues(case=case).filter(pk=user.pk).exists():
        return None
    if case.kind == CaseKind.COMPLAINT:
        return _(
            "A complaint can go only to a complaints officer or manager of the service who is "
            "not named in it."
        )
    return _("A confidential case can go only to staff of its own service.")


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


def _destination(
    case: Case, *, to_user: User | None, to_team: Team | None
) -> tuple[Service | None, str | None]:
    """The service the case would go to, or why it cannot go there."""
    if (to_user is None) == (to_team is None):
        return None, _("Choose one colleague or one team.")
    if to_user is not None:
        refusal = _receiver_refusal(to_user, case)
        if refusal:
            return None, refusal
        if to_user.pk == case.owner_id:
            return None, _("The case is already theirs.")
        team = to_user.team
        assert team is not None  # _receiver_refusal refuses staff without a team
        return team.service, None
    assert to_team is not None
    if not (to_team.active and to_team.service.active):
        return None, _("That team no longer takes cases.")
    if to_team.pk == case.team_id and case.owner_id is None:
        return None, _("The case is already in that team's queue.")
    return to_team.service, None


@transaction.atomic
def case_transfer(
    *,
    case: Case,
    actor: User,
    note: str,
    to_user: User | None = None,
    to_team: Team | None = None,
    misrouted: str | None = None,
    now: datetime | None = None,
) -> CaseEvent:
    """Hand the case to an officer, or to a team's queue, of any service (SPEC §9), with the
    note that announces the customer and the details. ``misrouted`` (a ``MisrouteReason``)
    says it goes back because it came to the wrong service, which counts against "right first
    time". The case moves to the receiver's service and team; its milestones are not touched,
    so its deadlines still count from the receipt. The receiver (and, when it arrives in
    another team, that team's manager) is told through messaging (``hooks.case_transferred``).
    """
    now = now or timezone.now()
    case = case_locked(case)
    ensure_open(case)
    errors: dict[str, str] = {}
    to_service, refusal = _destination(case, to_user=to_user, to_team=to_team)
    if refusal:
        errors["to"] = refusal
    if misrouted is not None:
        if misrouted not in MisrouteReason.values:
            errors["misrouted"] = _("Choose why it came to the wrong service from the list.")
        elif to_service is not None and to_service.pk == case.service_id:
            errors["misrouted"] = _(
                "A case that came to the wrong service goes to another service."
            )
    if not note.strip():
        errors["note"] = _("Write a note for the person receiving the case.")
    if errors:
        raise ServiceError(errors)
    assert to_service is not None
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
            from_service=case.service_id,
            to_service=to_service.pk,
            misrouted=misrouted,
        ),
        text=note.strip(),
    )
    if to_user is not None:
        case.owner, case.team_id = to_user, to_user.team_id
    else:
        case.owner, case.team = None, to_team
    case.service = to_service
    case.save(update_fields=["owner", "team", "service", "modified_at"])
    hooks.case_transferred(event=event, now=now)
    return event
