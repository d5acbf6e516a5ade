"""Reads for councillors, clerks and the officers who serve them."""

from datetime import datetime, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import STAFF_ROLES, SUBMITTER_ROLES, Role, User
from contacts.models import Case, CaseKind, Milestone
from contacts.visibility import case_visible_to, with_field_rule

from .models import (
    CommunityCouncil,
    CouncilMeeting,
    EnquiryUpdate,
    EventRecordKind,
    MeetingPaper,
    MemberEnquiry,
    MemberProfile,
    Ward,
    WardEvent,
    WardEventRecord,
    WardEventStatus,
)

#: How long past entries stay in a calendar feed, so that subscribers still see recent work.
FEED_HISTORY = timedelta(days=90)


def enquiry_cases_visible_to(user: User) -> QuerySet[Case]:
    """The enquiries a councillor or clerk may follow: those they raised, those they were
    copied into, their council's (for a clerk) and, if so configured, their wards' (for a
    councillor). Never a complaint, whoever raised it."""
    if user.role not in (Role.COUNCILLOR, Role.CLERK):
        return Case.objects.none()
    enquiries = MemberEnquiry.objects.filter(case=OuterRef("pk"))
    visible = Q(submitted_by=user) | Exists(enquiries.filter(copied=user))
    if user.role == Role.CLERK:
        visible |= Exists(enquiries.filter(community_council__clerks=user))
    elif MemberProfile.objects.filter(user=user, sees_ward_enquiries=True).exists():
        visible |= Exists(enquiries.filter(ward__councillors=user))
    return Case.objects.filter(visible).exclude(kind=CaseKind.COMPLAINT)


def enquiries_read_in_full(user: User, /) -> Q:
    """Of the enquiries a member follows, those they read in full, free text and resident
    included (``contacts.hooks.members_own_cases``): those they raised and, for a clerk, their
    council's. Of the rest (a ward's, one they were copied into) they read the outline."""
    own = Q(submitted_by=user)
    if user.role == Role.CLERK:
        own |= Q(
            Exists(
                MemberEnquiry.objects.filter(case=OuterRef("pk"), community_council__clerks=user)
            )
        )
    return own


def enquiries_followed(user: User) -> QuerySet[Case]:
    """The enquiries the member may see, as the one policy decides (``case_visible_to``), each
    marked with whether they read it in full (``contacts.visibility.case_redactions``)."""
    return with_field_rule(case_visible_to(user), user)


def enquiry_get(*, user: User, reference: str) -> Case | None:
    """One enquiry the member may follow, with what its page shows."""
    return (
        enquiries_followed(user)
        .filter(reference=reference)
        .select_related(
            "service",
            "team",
            "owner",
            "customer",
            "submitted_by",
            "member_enquiry__ward",
            "member_enquiry__community_council",
        )
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_at")),
            Prefetch("member_updates", queryset=EnquiryUpdate.objects.select_related("author")),
        )
        .first()
    )


def enquiry_of_case(*, case: Case) -> MemberEnquiry | None:
    return (
        MemberEnquiry.objects.filter(case=case)
        .select_related("ward", "community_council")
        .prefetch_related("copied")
        .first()
    )


def is_member_case(*, case: Case) -> bool:
    """Raised by a councillor or a clerk, whichever way it came in. Never a complaint: members
    do not follow those (``enquiry_cases_visible_to``)."""
    return (
        case.submitted_by_id is not None
        and case.kind != CaseKind.COMPLAINT
        and case.submitted_by.role in SUBMITTER_ROLES
    )


def member_wards(*, user: User) -> list[Ward]:
    if user.role == Role.CLERK:
        return list(Ward.objects.filter(community_councils__clerks=user).distinct())
    return list(user.wards.all())


def clerk_councils(*, user: User) -> list[CommunityCouncil]:
    return list(CommunityCouncil.objects.filter(clerks=user).prefetch_related("wards"))


def member_by_calendar_token(*, token: str) -> User | None:
    profile = (
        MemberProfile.objects.filter(
            calendar_token=token, user__is_active=True, user__role=Role.COUNCILLOR
        )
        .select_related("user")
        .first()
    )
    return profile.user if profile else None


def ward_events_for_councillor(*, user: User, now: datetime) -> QuerySet[WardEvent]:
    """Entries in the councillor's wards, from recent past on, each once."""
    wards = Ward.objects.filter(councillors=user)
    return (
        WardEvent.objects.filter(
            Exists(
                WardEvent.wards.through.objects.filter(wardevent=OuterRef("pk"), ward__in=wards)
            ),
            ends_at__gte=now - FEED_HISTORY,
        )
        .prefetch_related("wards")
        .order_by("starts_at", "pk")
    )


def ward_events_upcoming(
    *, now: datetime, ward: Ward | None = None, include_past: bool = False
) -> QuerySet[WardEvent]:
    events = WardEvent.objects.all()
    if ward is not None:
        events = events.filter(wards=ward)
    if not include_past:
        events = events.filter(ends_at__gte=now).exclude(status=WardEventStatus.CANCELLED)
    return events.prefetch_related("wards").order_by("starts_at", "pk")


def ward_get(*, code: str) -> Ward | None:
    return Ward.objects.filter(code=code).prefetch_related("councillors").first()


def ward_visible_to(*, user: User, ward: Ward) -> bool:
    """Staff and councillors see any ward; a clerk the wards of their council."""
    if user.is_administrator or user.role in STAFF_ROLES or user.role == Role.COUNCILLOR:
        return True
    return user.role == Role.CLERK and ward.community_councils.filter(clerks=user).exists()


def ward_event_get(*, pk: int) -> WardEvent | None:
    return WardEvent.objects.filter(pk=pk).prefetch_related("wards").first()


def ward_events_of_councillor(*, user: User) -> QuerySet[WardEvent]:
    """Every entry in the wards ``user`` is a councillor of: the only entries, and so the only
    comments, a councillor may read (none for anyone else)."""
    if user.role != Role.COUNCILLOR or not user.is_active:
        return WardEvent.objects.none()
    mine = WardEvent.wards.through.objects.filter(wardevent=OuterRef("pk"), ward__councillors=user)
    return WardEvent.objects.filter(Exists(mine))


def ward_event_for_councillor(*, user: User, pk: int) -> WardEvent | None:
    """One entry of the councillor's wards, or ``None`` (another ward's is not found)."""
    return (
        ward_events_of_councillor(user=user)
        .filter(pk=pk)
        .prefetch_related("wards")
        .select_related("created_by")
        .first()
    )


def ward_event_history(*, event: WardEvent) -> list[WardEventRecord]:
    """The entry's history, oldest first, each line with who wrote it."""
    return list(
        WardEventRecord.objects.filter(event=event)
        .select_related("actor")
        .order_by("created_at", "pk")
    )


def ward_event_comment_get(*, event: WardEvent, pk: int) -> WardEventRecord | None:
    return (
        WardEventRecord.objects.filter(event=event, pk=pk, kind=EventRecordKind.COMMENT)
        .select_related("actor")
        .first()
    )


def meetings_visible_to(user: User) -> QuerySet[CouncilMeeting]:
    """The meetings whose papers ``user`` may read: a clerk their councils', a county
    councillor those of the councils within their wards; nobody else any."""
    if not user.is_active:
        return CouncilMeeting.objects.none()
    if user.role == Role.CLERK:
        return CouncilMeeting.objects.filter(council__clerks=user).distinct()
    if user.role == Role.COUNCILLOR:
        return CouncilMeeting.objects.filter(council__wards__councillors=user).distinct()
    return CouncilMeeting.objects.none()


def meeting_get(*, user: User, pk: int) -> CouncilMeeting | None:
    return (
        meetings_visible_to(user)
        .filter(pk=pk)
        .select_related("council")
        .prefetch_related(
            Prefetch("papers", queryset=MeetingPaper.objects.order_by("created_at", "pk"))
        )
        .first()
    )


def meeting_paper_get(*, user: User, meeting_id: int, paper_id: int) -> MeetingPaper | None:
    return (
        MeetingPaper.objects.filter(
            pk=paper_id, meeting_id=meeting_id, meeting__in=meetings_visible_to(user)
        )
        .select_related("meeting")
        .first()
    )


def meeting_councillors(*, meeting: CouncilMeeting) -> list[User]:
    """The county councillors of the meeting's council's wards, each once."""
    return list(
        User.objects.filter(
            wards__community_councils=meeting.council_id,
            role=Role.COUNCILLOR,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def with_comments_waiting(events: QuerySet[WardEvent]) -> QuerySet[WardEvent]:
    """``events`` each with ``comments_waiting``: its councillors' comments nobody has answered
    yet (one correlated count per entry listed, on the history's index)."""
    answered = WardEventRecord.objects.filter(in_reply_to=OuterRef("pk"))
    waiting = (
        WardEventRecord.objects.filter(event=OuterRef("pk"), kind=EventRecordKind.COMMENT)
        .exclude(Exists(answered))
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return events.annotate(
        comments_waiting=Coalesce(Subquery(waiting, output_field=IntegerField()), 0)
    )
