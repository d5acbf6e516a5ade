"""Recording a contact as a case: the one way in for every channel.

Every entry point — the API, the staff pages, the public web forms, inbound e-mail and the
webhooks — creates cases through ``case_create`` so that milestones and the timeline are written
once, in one place.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Service, Team, User
from common.bulk import NewRows, rows_insert_linked
from common.errors import ServiceError
from contacts.channel_details import ChannelDetails
from routing.models import RequestType
from standards.channels import PhoneContact
from standards.domain.deadlines import (
    Deadline,
    DeadlineError,
    DueSoonThreshold,
    Rule,
    compute_deadline,
)
from standards.models import Standard, Target
from standards.selectors import case_rules

from .. import hooks
from ..models import (
    Case,
    CaseKind,
    CaseStatus,
    Customer,
    EventKind,
    Milestone,
)
from ..references import reference_for_new_case
from ..timeline import event_build
from .milestone_writer import Timing, milestone_build, milestones_for_new_case
from .voicemail import voicemail_milestones

#: A contact cannot have been received in the future; this much clock skew between the
#: sending system and ours is forgiven.
CLOCK_SKEW = timedelta(minutes=2)


#: No contact the system handles is older than this: a mistyped century would otherwise make
#: a case with a nonsense reference and deadlines in a year with other clocks.
EARLIEST_RECEIPT = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CaseCreated:
    case: Case
    created: bool  # False when the same inbound message had already made this case
    milestones: tuple[Milestone, ...] = ()  # those created, with their targets


def threshold_of(target: Target) -> DueSoonThreshold:
    return DueSoonThreshold(
        working_days=target.due_soon_working_days, fraction=float(target.due_soon_fraction)
    )


def case_create(
    *,
    channel: str,
    details: ChannelDetails,
    kind: str,
    service: Service,
    summary: str,
    received_at: datetime,
    description: str = "",
    customer: Customer | None = None,
    language: str | None = None,
    team: Team | None = None,
    owner: User | None = None,
    submitted_by: User | None = None,
    standard: Standard | None = None,
    request_type: RequestType | None = None,
    actor: User | None = None,
    confidential: bool = False,
    counts_from: datetime | None = None,
    not_owed: Collection[str] = (),
    started_later: Collection[str] = (),
    now: datetime | None = None,
) -> CaseCreated:
    """Record a contact as a case with the milestones its standard promises.

    ``confidential``: only those the visibility policy allows may read the case (docs/adr/0018):
    a case of a request type an administrator marked confidential. A complaint always is.
    ``request_type`` is what the contact was about, from the routing table (a type of
    ``service``); a confidential type makes the case confidential.

    Seeing the same inbound message twice (same channel and message id) returns the case the
    first one made.

    The milestones count from receipt unless ``counts_from`` is later (a web change dated
    ahead counts from the change, docs/adr/0033). Kinds in ``not_owed`` are not made (a page
    marked not needed); kinds in ``started_later`` are made without a deadline, which the
    event that starts them sets with ``milestone_retime`` (an emergency's Welsh version, from
    the English publication).
    """
    now = now or timezone.now()
    _validate_new_case(
        channel=channel,
        details=details,
        kind=kind,
        received_at=received_at,
        now=now,
        team=team,
        owner=owner,
        service=service,
        request_type=request_type,
    )
    # A message seen before is found by the unique source key refusing the insert below (and
    # costs a reference number, as any failed creation does), not by a query before every new
    # case: repeats are rare, new cases are the load.
    rules = case_rules()
    if standard is None:
        standard = rules.standard_for(channel=channel, contact_type=details.contact_type, kind=kind)
        if standard is None:
            raise ServiceError({"kind": _("No customer care standard applies to this contact.")})
    calendar = rules.calendar
    milestones = _milestones_owed(
        standard,
        received_at=received_at,
        counts_from=counts_from,
        scheduled_at=details.scheduled_at,
        calendar=calendar,
        not_owed=not_owed,
        started_later=started_later,
    )
    if details.contact_type == PhoneContact.VOICEMAIL and owner is not None:
        # "Or on return to the office": the officer it was left for may be away.
        milestones = voicemail_milestones(
            milestones, officer=owner, received_at=received_at, calendar=calendar
        )
    if language is None:
        language = customer.preferred_language if customer else ""
    if (
        team is None
        and owner is not None
        and owner.team is not None
        and owner.team.service_id == service.pk
    ):
        team = owner.team
    default = request_type.team if request_type is not None and request_type.team_id else None
    if team is None and owner is None and default is not None:
        # The routing table's default queue for this kind of request, while it takes cases.
        team = default if default.active and default.service_id == service.pk else None

    reference = reference_for_new_case(timezone.localtime(received_at).year)
    case = Case(
        reference=reference,
        channel=channel,
        contact_type=details.contact_type,
        kind=kind,
        confidential=confidential or confidential_for(kind=kind, request_type=request_type),
        status=CaseStatus.NEW,
        standard=standard,
        service=service,
        team=team,
        owner=owner,
        submitted_by=submitted_by,
        request_type=request_type,
        customer=customer,
        language=language,
        received_at=received_at,
        summary=summary,
        description=description,
        channel_details=details.data,
        source_key=details.source_key,
    )
    new_customer = customer is not None and customer.pk is None
    created = event_build(
        case=case, kind=EventKind.CREATED, at=now, actor=actor, payload={"status": CaseStatus.NEW}
    )
    try:
        with transaction.atomic():
            # Owed in the same transaction, the same statement: a case stored is a case
            # acknowledged.
            owed = hooks.case_rows_owed.apply([], case=case, now=now, rules_version=rules.version)
            # The customer, the case, its milestones, its "created" event and what it owes in
            # one statement.
            rows_insert_linked(
                [
                    NewRows("new_customer", [customer] if customer and new_customer else []),
                    NewRows(
                        "new_case",
                        [case],
                        links={"customer": "new_customer"} if new_customer else {},
                    ),
                    NewRows(
                        "new_milestones",
                        milestones_for_new_case(case, milestones),
                        links={"case": "new_case"},
                    ),
                    NewRows("new_event", [created], links={"case": "new_case"}),
                    *(
                        NewRows(f"owed_{n}", [row], links={"case": "new_case"})
                        for n, row in enumerate(owed)
                    ),
                ]
            )
            hooks.case_created(case=case, actor=actor, now=now, rules_version=rules.version)
    except IntegrityError:
        # The message was seen before (or two deliveries of it raced): answer with the case
        # the first one made.
        if customer is not None and new_customer:
            customer.pk = None  # its row went with the rolled-back savepoint
        if details.source_key:
            existing = Case.objects.filter(source_key=details.source_key).first()
            if existing:
                return CaseCreated(existing, created=False)
        raise
    return CaseCreated(case, created=True, milestones=tuple(milestones))


def _validate_new_case(
    *,
    channel: str,
    details: ChannelDetails,
    kind: str,
    received_at: datetime,
    now: datetime,
    team: Team | None,
    owner: User | None,
    service: Service,
    request_type: RequestType | None,
) -> None:
    errors: dict[str, str] = {}
    if details.channel != channel:
        errors["channel_details"] = _("The channel details are for another channel.")
    if kind not in CaseKind.values:
        errors["kind"] = _("Unknown kind of case.")
    if timezone.is_naive(received_at):
        errors["received_at"] = _("Give the time with its UTC offset.")
    elif received_at > now + CLOCK_SKEW:
        errors["received_at"] = _("The time received cannot be in the future.")
    elif received_at < EARLIEST_RECEIPT:
        errors["received_at"] = _("The time received is too far in the past.")
    elif (
        details.contact_type == PhoneContact.CALLBACK
        and details.scheduled_at is not None
        and details.scheduled_at <= received_at
    ):
        errors["channel_details"] = _("The callback must be agreed for a time after the call.")
    if team is not None and team.service_id != service.pk:
        errors["team"] = _("The team does not belong to the case's service.")
    if owner is not None and (not owner.works_cases or owner.service_id != service.pk):
        errors["owner"] = _("The owner must be a member of staff of the case's service.")
    if request_type is not None and request_type.service_id != service.pk:
        errors["request_type"] = _("The request type belongs to another service.")
    elif request_type is not None and not request_type.active:
        errors["request_type"] = _("This request type is no longer in use.")
    if errors:
        raise ServiceError(errors)


def confidential_for(*, kind: str, request_type: RequestType | None) -> bool:
    """Whether a new case is confidential (docs/adr/0018): every complaint, and every case of a
    request type an administrator marked confidential (adult social care, say)."""
    return kind == CaseKind.COMPLAINT or (request_type is not None and request_type.confidential)


def _milestones_owed(
    standard: Standard,
    *,
    received_at: datetime,
    counts_from: datetime | None,
    scheduled_at: datetime | None,
    calendar: Any,
    not_owed: Collection[str],
    started_later: Collection[str],
) -> list[Milestone]:
    """One milestone per target of ``standard`` but those not owed, counted from receipt or
    from ``counts_from`` when later; those started later without a deadline yet."""
    if counts_from is not None and timezone.is_naive(counts_from):
        raise ServiceError({"counts_from": _("Give the time with its UTC offset.")})
    start = max(counts_from, received_at) if counts_from is not None else received_at
    return [
        _not_started(target, received_at=received_at)
        if target.milestone in started_later
        else _milestone_for(target, received_at=start, scheduled_at=scheduled_at, calendar=calendar)
        for target in standard.targets.all()
        if target.milestone not in not_owed
    ]


def _not_started(target: Target, *, received_at: datetime) -> Milestone:
    """A milestone whose clock an event starts later: no deadline until then."""
    return milestone_build(
        target=target,
        timing=Timing(
            rule=target.rule,
            starts_at=received_at,
            deadline=Deadline(due_at=None, due_soon_at=None),
        ),
    )


def _milestone_for(
    target: Target, *, received_at: datetime, scheduled_at: datetime | None, calendar: Any
) -> Milestone:
    try:
        deadline = compute_deadline(
            Rule(target.rule),
            target.amount,
            received_at=received_at,
            calendar=calendar,
            scheduled_at=scheduled_at,
            threshold=threshold_of(target),
        )
    except DeadlineError as error:
        raise ServiceError(
            {"channel_details": _("The time this standard counts from is missing or invalid.")}
        ) from error
    starts_at = scheduled_at if target.rule == Rule.MINUTES_AFTER_SCHEDULED else received_at
    return milestone_build(
        target=target,
        timing=Timing(rule=target.rule, starts_at=starts_at or received_at, deadline=deadline),
    )
