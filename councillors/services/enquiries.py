"""Enquiries members raise for residents, and what officers tell them about those enquiries:
updates, delay notices and completion."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SUBMITTER_ROLES, Role, Service, User
from common.errors import ServiceError
from contacts.channel_details import parse_details
from contacts.domain import lifecycle
from contacts.models import OPEN_MILESTONE_STATES, Case, CaseKind, Customer, EventKind
from contacts.services import case_create, case_resolve, milestone_extend
from contacts.timeline import event_record, in_both_languages
from standards import milestone_kinds
from standards.channels import Channel
from standards.selectors import working_calendar

from .. import selectors
from ..models import (
    CommunityCouncil,
    EnquiryUpdate,
    MemberEnquiry,
    OnBehalfOf,
    UpdateKind,
    Ward,
)
from ..notices import (
    enquiry_copy_notices_owe,
    enquiry_logged_notice_owe,
    enquiry_update_notices_owe,
)

#: The web form's name in the case's channel details.
ENQUIRY_FORM = "member-enquiry"


#: The kind of case each member's role raises.
KIND_FOR_ROLE: dict[str, CaseKind] = {
    Role.COUNCILLOR: CaseKind.COUNCILLOR_ENQUIRY,
    Role.CLERK: CaseKind.ENQUIRY,
}


#: The milestone a delay notice moves: the full response the member was promised.
RESPONSE_MILESTONE = milestone_kinds.MEMBER_RESPONSE


@transaction.atomic
def enquiry_submit(
    *,
    member: User,
    service: Service,
    summary: str,
    description: str,
    on_behalf_of: str = OnBehalfOf.RESIDENT,
    ward: Ward | None = None,
    community_council: CommunityCouncil | None = None,
    resident: Customer | None = None,
    now: datetime | None = None,
) -> Case:
    """A councillor's enquiry, or a clerk's on their council's behalf, becomes a case routed
    to ``service`` with the standard's response target; a community council's county
    councillors are copied in when the council asks for it."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    kind = KIND_FOR_ROLE.get(member.role)
    if kind is None:
        raise ServiceError(_("Only councillors and clerks raise enquiries here."))
    if on_behalf_of not in OnBehalfOf.values:
        errors["on_behalf_of"] = _("Choose who the enquiry is for.")
    elif on_behalf_of == OnBehalfOf.RESIDENT and (resident is None or not resident.name.strip()):
        errors["resident_name"] = _("Enter the resident's name.")
    if member.role == Role.COUNCILLOR:
        if community_council is not None:
            errors["community_council"] = _("Councillors raise enquiries for their wards.")
        if ward is not None and not member.wards.filter(pk=ward.pk).exists():
            errors["ward"] = _("Choose one of your wards.")
    else:
        if community_council is None or not community_council.clerks.filter(pk=member.pk).exists():
            errors["community_council"] = _("Choose the council you are the clerk of.")
        elif ward is not None and not community_council.wards.filter(pk=ward.pk).exists():
            errors["ward"] = _("Choose a ward of your council.")
    if errors:
        raise ServiceError(errors)
    if on_behalf_of == OnBehalfOf.COMMUNITY:
        resident = None
    created = case_create(
        channel=Channel.WEBFORM,
        details=parse_details(Channel.WEBFORM, {"form": ENQUIRY_FORM}),
        kind=kind,
        service=service,
        summary=summary,
        description=description,
        received_at=now,
        customer=resident,
        language=resident.preferred_language if resident else member.preferred_language,
        submitted_by=member,
        actor=member,
        now=now,
    )
    case = created.case
    enquiry = MemberEnquiry.objects.create(
        case=case, on_behalf_of=on_behalf_of, ward=ward, community_council=community_council
    )
    _copy_councillors(enquiry, now=now)
    return case


def _copy_councillors(enquiry: MemberEnquiry, *, now: datetime) -> None:
    """A community council's enquiry is copied to the county councillors of its ward (of all
    its wards, when none was named), when the council asks for it, and they are told."""
    council = enquiry.community_council
    if council is None or not council.copy_councillors:
        return
    wards = [enquiry.ward] if enquiry.ward is not None else council.wards.all()
    copied = list(
        User.objects.filter(wards__in=wards, role=Role.COUNCILLOR, is_active=True).distinct()
    )
    enquiry.copied.set(copied)
    enquiry_copy_notices_owe(case=enquiry.case, recipients=copied, now=now)


def enquiry_logged_for_member(
    *, case: Case, actor: User | None, now: datetime, rules_version: str
) -> MemberEnquiry | None:
    """Registered with ``contacts.hooks.case_created``: a case logged for a councillor or clerk
    by someone else (an e-mail from their registered address, the staff form's member option:
    ``contacts.members``) becomes their enquiry as their own form would make it. It gets its
    member enquiry record (a councillor's ward when they have only one; a clerk's council
    when they clerk only one, whose county councillors are copied in when it asks for it), and
    the member is told it was logged, with its reference and when it will be answered (unless
    the case's acknowledgement goes to them already: ``enquiry_logged_notice_owe``).

    A member who raised it themselves (their form, ``enquiry_submit``; the cases API) is its
    actor: what they chose is recorded there, not guessed here. Called inside the creating
    transaction, once per case; a second call finds the record and does nothing."""
    member = case.submitted_by
    if member is None or (actor is not None and actor.pk == member.pk):
        return None
    if member.role not in SUBMITTER_ROLES or case.kind == CaseKind.COMPLAINT:
        return None
    councillor = member.role == Role.COUNCILLOR
    wards = selectors.member_wards(user=member) if councillor else []
    councils = [] if councillor else selectors.clerk_councils(user=member)
    enquiry, created = MemberEnquiry.objects.get_or_create(
        case=case,
        defaults={
            "ward": wards[0] if len(wards) == 1 else None,
            "community_council": councils[0] if len(councils) == 1 else None,
        },
    )
    if created:
        _copy_councillors(enquiry, now=now)
        enquiry_logged_notice_owe(case=case, member=member, now=now)
    return enquiry


def _enquiry_for_officer(case: Case) -> MemberEnquiry:
    """The member enquiry of ``case``; a member's case made through the cases API (which
    knows nothing of wards) gets its record the first time an officer writes to the member."""
    case = Case.objects.select_related("submitted_by").get(pk=case.pk)
    if not selectors.is_member_case(case=case):
        raise ServiceError(_("This case was not raised by a councillor or a clerk."))
    enquiry, _created = MemberEnquiry.objects.get_or_create(case=case)
    return enquiry


def _members_told(enquiry: MemberEnquiry) -> list[User]:
    told = [enquiry.case.submitted_by] if enquiry.case.submitted_by else []
    told += [user for user in enquiry.copied.all() if user not in told]
    return told


def _responsible(case: Case, actor: User | None) -> str:
    """Who deals with the enquiry, as the member reads it: the owner (else the officer
    writing) and their service."""
    officer = case.owner or actor
    if officer is None:  # resolved by the system, with nobody owning the case
        return case.service.name[:200]
    name = officer.get_full_name() or officer.get_username()
    return f"{name}, {case.service.name}"[:200]


def _post(
    *,
    case: Case,
    actor: User | None,
    kind: str,
    what: str,
    why: str,
    expected_on: date | None,
    now: datetime,
) -> EnquiryUpdate:
    enquiry = _enquiry_for_officer(case)
    case = Case.objects.select_related("owner", "service").get(pk=case.pk)
    update = EnquiryUpdate.objects.create(
        case=case,
        kind=kind,
        author=actor,
        responsible=_responsible(case, actor),
        what=what.strip(),
        why=why.strip(),
        expected_on=expected_on,
        created_at=now,
    )
    # Staff read on the timeline what the member was told, named in the reader's language.
    event_record(
        case=case,
        kind=EventKind.MEMBER_TOLD,
        actor=actor,
        at=now,
        payload={"update": in_both_languages(UpdateKind(kind).label)},
        text=update.what,
    )
    enquiry_update_notices_owe(update=update, recipients=_members_told(enquiry))
    return update


@transaction.atomic
def enquiry_update_post(
    *,
    case: Case,
    actor: User,
    what: str,
    why: str = "",
    expected_on: date | None = None,
    now: datetime | None = None,
) -> EnquiryUpdate:
    """Tell the member what is happening with their enquiry, who is dealing with it, when and
    why, by their preferred method."""
    now = now or timezone.now()
    errors = {}
    if not what.strip():
        errors["what"] = _("Say what is happening.")
    if case.status not in lifecycle.OPEN:
        errors["status"] = _("The enquiry is closed; reopen it first.")
    if expected_on is not None and expected_on < timezone.localdate(now):
        errors["expected_on"] = _("The expected date cannot be in the past.")
    if errors:
        raise ServiceError(errors)
    return _post(
        case=case,
        actor=actor,
        kind=UpdateKind.UPDATE,
        what=what,
        why=why,
        expected_on=expected_on,
        now=now,
    )


#: The furthest a delay notice may put an enquiry's completion.
MAX_DELAY = timedelta(days=366)


@transaction.atomic
def enquiry_delay(
    *,
    case: Case,
    actor: User,
    reason: str,
    new_date: date,
    what: str = "",
    now: datetime | None = None,
) -> EnquiryUpdate:
    """The enquiry will be answered later than promised: the response deadline moves to the
    end of business on ``new_date`` and the member is told why and when."""
    now = now or timezone.now()
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Give the reason for the delay.")
    today = timezone.localdate(now)
    if new_date <= today:
        errors["new_date"] = _("The new completion date must be after today.")
    elif new_date > today + MAX_DELAY:
        # A delay longer than that is not a delay a councillor can plan around: it wants a
        # conversation, and a date that far off is more likely a typing slip.
        errors["new_date"] = _("The new completion date must be within a year from today.")
    elif not working_calendar(from_date=new_date).is_working_day(new_date):
        # Closing time on a day the office is shut is no promise (SPEC §10).
        errors["new_date"] = _("Choose a working day.")
    open_response = case.milestones.filter(
        kind=RESPONSE_MILESTONE, state__in=OPEN_MILESTONE_STATES
    ).exists()
    if not open_response:
        errors["status"] = _("This enquiry has no response deadline still open.")
    if errors:
        raise ServiceError(errors)
    milestone_extend(
        case=case,
        kind=RESPONSE_MILESTONE,
        new_due_at=working_calendar(from_date=new_date).end_of_business(new_date),
        reason=reason,
        actor=actor,
        notify_customer=False,
        now=now,
    )
    return _post(
        case=case,
        actor=actor,
        kind=UpdateKind.DELAY,
        what=what,
        why=reason,
        expected_on=new_date,
        now=now,
    )


@transaction.atomic
def enquiry_complete(
    *, case: Case, actor: User, what: str, now: datetime | None = None
) -> EnquiryUpdate:
    """The work is done: the case is resolved, and resolving it tells the member what was done
    and when (``enquiry_resolved``)."""
    now = now or timezone.now()
    if not what.strip():
        raise ServiceError({"what": _("Say what was done.")})
    _enquiry_for_officer(case)
    case_resolve(case=case, actor=actor, note=what, now=now)
    return EnquiryUpdate.objects.filter(case=case, kind=UpdateKind.COMPLETION).latest(
        "created_at", "id"
    )


def enquiry_resolved(
    *, case: Case, actor: User | None, note: str, message: str, now: datetime
) -> EnquiryUpdate | None:
    """Registered with ``contacts.hooks.case_resolved``, so ``case_resolve`` calls it inside its
    transaction with the case row locked, however the case was resolved (the case page, the
    cases API, "Report completion"): the member who raised it, and those copied in, are told of
    its completion.

    A case is resolved once until it is reopened, so each resolution tells each member once;
    the messages' keys name the resolution, so nothing can owe them twice. What the member
    reads is the message written for the customer when there is one (it was written to be
    read outside the council), else the resolving note. Complaints are the complaints team's to
    tell."""
    if case.submitted_by_id is None or not selectors.is_member_case(case=case):
        return None
    return _post(
        case=case,
        actor=actor,
        kind=UpdateKind.COMPLETION,
        what=message.strip() or note.strip(),
        why="",
        expected_on=None,
        now=now,
    )
