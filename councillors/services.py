"""Writes for councillors and community councils: enquiries members raise, what officers tell
them about those enquiries, the Members' Events Calendar, and the calendar feed's secret."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Language, Role, Service, User
from contacts.channel_details import parse_details
from contacts.domain import lifecycle
from contacts.models import OPEN_MILESTONE_STATES, Case, CaseKind, Customer, EventKind
from contacts.services import case_create, case_resolve, milestone_extend
from contacts.timeline import event_record, in_both_languages
from messaging.domain.replies import is_uk_mobile
from standards import milestone_kinds
from standards.channels import Channel
from standards.selectors import working_calendar

from . import selectors
from .domain.notice import is_notice_due
from .models import (
    CommunityCouncil,
    ContactMethod,
    EnquiryUpdate,
    MemberEnquiry,
    MemberProfile,
    OnBehalfOf,
    UpdateKind,
    Ward,
    WardEvent,
    WardEventStatus,
    new_calendar_token,
)
from .notices import (
    EventNotice,
    enquiry_copy_notices_owe,
    enquiry_update_notices_owe,
    ward_event_notices_owe,
)

#: The web form's name in the case's channel details.
ENQUIRY_FORM = "member-enquiry"
#: The kind of case each member's role raises.
KIND_FOR_ROLE = {Role.COUNCILLOR: CaseKind.COUNCILLOR_ENQUIRY, Role.CLERK: CaseKind.ENQUIRY}
#: The milestone a delay notice moves: the full response the member was promised.
RESPONSE_MILESTONE = milestone_kinds.MEMBER_RESPONSE


def notice_days() -> int:
    """How many days ahead councillors are told of work in their wards."""
    return int(settings.CYSWLLT.get("WARD_NOTICE_DAYS", 14))


# --- Members' own settings -----------------------------------------------------------------


def member_profile_ensure(*, user: User) -> MemberProfile:
    profile, _created = MemberProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def member_preferences_update(
    *, user: User, contact_method: str, language: str, phone: str, postal_address: str
) -> MemberProfile:
    """How the member wants officers to reach them: the method needs its address."""
    errors = {}
    if contact_method not in ContactMethod.values:
        errors["contact_method"] = _("Choose how officers should contact you.")
    elif contact_method == ContactMethod.SMS and not is_uk_mobile(phone):
        errors["phone"] = _("Enter a UK mobile number, like 07700 900 982, to get text messages.")
    elif contact_method == ContactMethod.LETTER and not postal_address.strip():
        errors["postal_address"] = _("Enter the postal address for letters.")
    elif contact_method == ContactMethod.EMAIL and not user.email:
        errors["contact_method"] = _("We have no e-mail address for you: choose another way.")
    if language not in Language.values:
        errors["language"] = _("Choose the language officers should write in.")
    if errors:
        raise ValidationError(errors)
    profile = member_profile_ensure(user=user)
    profile.contact_method = contact_method
    profile.postal_address = postal_address.strip()
    profile.save(update_fields=["contact_method", "postal_address"])
    user.preferred_language = language
    user.phone = phone.strip()
    user.save(update_fields=["preferred_language", "phone"])
    return profile


def member_calendar_token_regenerate(*, user: User) -> MemberProfile:
    """A new secret address for the member's calendar feed: the old one stops working."""
    profile = member_profile_ensure(user=user)
    profile.calendar_token = new_calendar_token()
    profile.save(update_fields=["calendar_token"])
    return profile


# --- Enquiries -----------------------------------------------------------------------------


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
        raise ValidationError(_("Only councillors and clerks raise enquiries here."))
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
        raise ValidationError(errors)
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
    if community_council is not None and community_council.copy_councillors:
        wards = [ward] if ward is not None else community_council.wards.all()
        copied = list(
            User.objects.filter(wards__in=wards, role=Role.COUNCILLOR, is_active=True).distinct()
        )
        enquiry.copied.set(copied)
        enquiry_copy_notices_owe(case=case, recipients=copied, now=now)
    return case


def _enquiry_for_officer(case: Case) -> MemberEnquiry:
    """The member enquiry of ``case``; a member's case made through the cases API (which
    knows nothing of wards) gets its record the first time an officer writes to the member."""
    case = Case.objects.select_related("submitted_by").get(pk=case.pk)
    if not selectors.is_member_case(case=case):
        raise ValidationError(_("This case was not raised by a councillor or a clerk."))
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
        raise ValidationError(errors)
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
    open_response = case.milestones.filter(
        kind=RESPONSE_MILESTONE, state__in=OPEN_MILESTONE_STATES
    ).exists()
    if not open_response:
        errors["status"] = _("This enquiry has no response deadline still open.")
    if errors:
        raise ValidationError(errors)
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
        raise ValidationError({"what": _("Say what was done.")})
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


# --- The Members' Events Calendar ----------------------------------------------------------

EDITABLE = (WardEventStatus.PLANNED, WardEventStatus.DELAYED)
EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "location",
    "starts_at",
    "ends_at",
    "responsible",
    "effect",
)


def _check_times(starts_at: datetime, ends_at: datetime, now: datetime) -> dict[str, str]:
    errors = {}
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        errors["starts_at"] = _("Give the time with its UTC offset.")
    elif ends_at < starts_at:
        errors["ends_at"] = _("The end cannot be before the start.")
    elif ends_at <= now:
        errors["ends_at"] = _("The end must be in the future.")
    return errors


def _councillors_of(event: WardEvent) -> list[User]:
    return list(
        User.objects.filter(wards__events=event, role=Role.COUNCILLOR, is_active=True)
        .distinct()
        .order_by("pk")
    )


def _tell(event: WardEvent, notice: str, now: datetime) -> None:
    ward_event_notices_owe(event=event, notice=notice, recipients=_councillors_of(event), now=now)
    if event.announced_at is None:
        event.announced_at = now
        WardEvent.objects.filter(pk=event.pk).update(announced_at=now)


def _notice_due(event: WardEvent, now: datetime) -> bool:
    return event.announced_at is not None or is_notice_due(
        event.starts_at, notice_days=notice_days(), now=now
    )


@transaction.atomic
def ward_event_create(
    *,
    actor: User,
    wards: Iterable[Ward],
    kind: str,
    title: str,
    location: str,
    starts_at: datetime,
    ends_at: datetime,
    responsible: str,
    effect: str,
    description: str = "",
    now: datetime | None = None,
) -> WardEvent:
    """Record planned works, a local initiative or an event; the ward's councillors are told
    now if it starts within the notice period, otherwise by the notice job when it does."""
    now = now or timezone.now()
    wards = list(wards)
    errors = _check_times(starts_at, ends_at, now)
    if not wards:
        errors["wards"] = _("Choose at least one ward.")
    if errors:
        raise ValidationError(errors)
    event = WardEvent.objects.create(
        kind=kind,
        title=title,
        description=description,
        location=location,
        starts_at=starts_at,
        ends_at=ends_at,
        responsible=responsible,
        effect=effect,
        created_by=actor,
    )
    event.wards.set(wards)
    if _notice_due(event, now):
        _tell(event, EventNotice.ANNOUNCED, now)
    return event


def _locked_event(event: WardEvent) -> WardEvent:
    event = WardEvent.objects.select_for_update().get(pk=event.pk)
    if event.status not in EDITABLE:
        raise ValidationError(
            {
                "status": _("The entry is %(status)s and can no longer be changed.")
                % {"status": WardEventStatus(event.status).label.lower()}
            }
        )
    return event


@transaction.atomic
def ward_event_change(
    *,
    event: WardEvent,
    actor: User,
    wards: Iterable[Ward] | None = None,
    now: datetime | None = None,
    **changes: object,
) -> WardEvent:
    """Change what, where, when or who: councillors already told are told again."""
    now = now or timezone.now()
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    event = _locked_event(event)
    for field, value in changes.items():
        setattr(event, field, value)
    errors = _check_times(event.starts_at, event.ends_at, now)
    wards = list(wards) if wards is not None else None
    if wards is not None and not wards:
        errors["wards"] = _("Choose at least one ward.")
    if errors:
        raise ValidationError(errors)
    event.sequence += 1
    event.save(update_fields=[*changes, "sequence", "modified_at"])
    if wards is not None:
        event.wards.set(wards)
    if _notice_due(event, now):
        notice = EventNotice.CHANGED if event.announced_at else EventNotice.ANNOUNCED
        _tell(event, notice, now)
    return event


@transaction.atomic
def ward_event_delay(
    *,
    event: WardEvent,
    actor: User,
    reason: str,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime | None = None,
) -> WardEvent:
    """The work will happen later: the reason and the new dates are recorded and told."""
    now = now or timezone.now()
    event = _locked_event(event)
    errors = _check_times(starts_at, ends_at, now)
    if not reason.strip():
        errors["reason"] = _("Give the reason for the delay.")
    elif starts_at <= event.starts_at and ends_at <= event.ends_at:
        errors["starts_at"] = _("A delay moves the start or the end later.")
    if errors:
        raise ValidationError(errors)
    event.starts_at, event.ends_at = starts_at, ends_at
    event.status = WardEventStatus.DELAYED
    event.delay_reason = reason.strip()
    event.sequence += 1
    event.save(
        update_fields=["starts_at", "ends_at", "status", "delay_reason", "sequence", "modified_at"]
    )
    if _notice_due(event, now):
        notice = EventNotice.DELAYED if event.announced_at else EventNotice.ANNOUNCED
        _tell(event, notice, now)
    return event


@transaction.atomic
def ward_event_complete(*, event: WardEvent, actor: User, now: datetime | None = None) -> WardEvent:
    """The work is finished: councillors are told what was done and when."""
    now = now or timezone.now()
    event = _locked_event(event)
    event.status = WardEventStatus.COMPLETED
    event.completed_at = now
    event.sequence += 1
    event.save(update_fields=["status", "completed_at", "sequence", "modified_at"])
    if event.announced_at is not None:
        _tell(event, EventNotice.COMPLETED, now)
    return event


@transaction.atomic
def ward_event_cancel(
    *, event: WardEvent, actor: User, reason: str, now: datetime | None = None
) -> WardEvent:
    """It will not happen; subscribed calendars drop it, and councillors who were told are
    told why."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    event = _locked_event(event)
    event.status = WardEventStatus.CANCELLED
    event.delay_reason = reason.strip()
    event.sequence += 1
    event.save(update_fields=["status", "delay_reason", "sequence", "modified_at"])
    if event.announced_at is not None:
        _tell(event, EventNotice.CANCELLED, now)
    return event


def ward_events_announce(*, now: datetime, limit: int = 200) -> int:
    """Owe the advance notice of every entry now inside the notice period. Entries another
    worker is announcing are skipped; each councillor's notice has its own key, so a second
    run owes nothing more. Returns how many entries were announced."""
    horizon = now + timedelta(days=notice_days())
    with transaction.atomic():
        events = list(
            WardEvent.objects.select_for_update(skip_locked=True)
            .filter(
                announced_at__isnull=True,
                status__in=EDITABLE,
                starts_at__lte=horizon,
                ends_at__gte=now,
            )
            .order_by("starts_at", "pk")[:limit]
        )
        for event in events:
            _tell(event, EventNotice.ANNOUNCED, now)
    return len(events)
