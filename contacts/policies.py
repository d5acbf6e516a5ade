"""Who may do what to cases, by role. Plain rules over users and cases."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import STAFF_ROLES, Role, Service, User
from standards import milestone_kinds
from standards.channels import Channel, PhoneContact, VisitContact

from .domain import lifecycle
from .models import Case, CaseKind

#: What councillors and clerks may raise on residents' behalf.
SUBMITTER_KINDS: dict[str, set[str]] = {
    Role.COUNCILLOR: {CaseKind.COUNCILLOR_ENQUIRY},
    Role.CLERK: {CaseKind.ENQUIRY, CaseKind.SERVICE_REQUEST},
}


#: What a contact from a member is, before it becomes the kind their role raises.
MEMBER_RAISED = frozenset({CaseKind.ENQUIRY, CaseKind.SERVICE_REQUEST, CaseKind.COUNCILLOR_ENQUIRY})


def member_case_kind(role: str, kind: str) -> str | None:
    """The kind of case a councillor's or clerk's contact makes, from the kind it would be
    from anyone else; ``None`` when it is not one they raise (their own complaint, compliment
    or feedback, which stays theirs as a customer's). A councillor's enquiry or service
    request is a councillor enquiry, with its own standard (SPEC §2); a clerk's stays what it
    is (``SUBMITTER_KINDS``)."""
    if role == Role.COUNCILLOR and kind in MEMBER_RAISED:
        return CaseKind.COUNCILLOR_ENQUIRY
    allowed = SUBMITTER_KINDS.get(role)
    return kind if allowed is not None and kind in allowed else None


def create_refusal(user: User, *, service: Service, kind: str) -> str | None:
    """Why ``user`` may not log a case of ``kind`` for ``service``, or ``None`` if they may.

    Front-line staff (a contact centre, reception: ``Team.front_line``) log for every active
    service, since the council has one front door (SPEC §9); other staff for their own."""
    if not service.active:
        return _("This service no longer takes new cases.")
    if user.is_administrator:
        return None
    if user.role in STAFF_ROLES:
        if user.service_id != service.pk and not user.on_front_line:
            return _("You can log cases only for your own service.")
        return None
    allowed = SUBMITTER_KINDS.get(user.role)
    if allowed is None:
        return _("Your role cannot log cases.")
    if kind not in allowed:
        return _("Your role cannot log this kind of case.")
    return None


def kept_in_service(case: Case) -> bool:
    """Whether only staff of the case's own service may be handed it (issue 14's policy): a
    complaint (its complaints officers and managers, ``hooks.case_receivers``); any other case
    may go to staff of any service, since every member of staff may read it. Every complaint is
    confidential, and so is every case of a request type marked confidential
    (``services.creation.confidential_for``; docs/adr/0018).
    """
    return case.confidential


def can_work(user: User, case: Case) -> bool:
    """Acting on a case (acknowledging, resolving, extending...) is for its service's staff."""
    if user.is_administrator:
        return True
    return user.role in STAFF_ROLES and user.service_id == case.service_id


def workable(cases: QuerySet[Case], *, user: User) -> QuerySet[Case]:
    """``can_work`` as a filter: of ``cases``, those ``user`` may act on. Narrow what the user
    may see with it (``workable(case_visible_to(user), user=user)``): seeing comes first."""
    if user.is_administrator:
        return cases
    if user.role in STAFF_ROLES and user.service_id:
        return cases.filter(service_id=user.service_id)
    return cases.none()


#: Cases resolved by publishing their pages, each with its address (docs/adr/0033): never
#: by the case page's "resolve", which would meet the publication milestones without one.
PUBLISHED_KINDS = frozenset({CaseKind.WEB_CONTENT_CHANGE, CaseKind.EMERGENCY_INFORMATION})

#: Milestones an officer records as done from the case page (``milestone_kinds``).
MEETABLE_KINDS = milestone_kinds.RECORDED_BY_HAND


#: The milestone that holds a booked visit's time, by the kind of visit: the appointment's
#: "seen" and the officer visit's "arrive" (SPEC §10).
BOOKED_MILESTONE = {
    VisitContact.APPOINTMENT.value: milestone_kinds.VISITOR_SEEN,
    VisitContact.OFFICER_VISIT.value: milestone_kinds.ARRIVE,
}


def booked_kind(case: Case) -> str | None:
    """The kind of the milestone holding ``case``'s booked time; ``None`` when it has none."""
    if case.channel != Channel.VISIT:
        return None
    return BOOKED_MILESTONE.get(case.contact_type)


def case_actions(user: User, case: Case) -> frozenset[str]:
    """What ``user`` may do to ``case`` as it stands (its milestones prefetched): an open case
    is worked, a resolved or closed one can only be noted on or reopened."""
    if not can_work(user, case):
        return frozenset()
    if case.status in lifecycle.REOPENABLE:
        return frozenset({"note", "reopen"})
    actions = {"note", "reply", "transfer", "callback"}
    if not handled_as_complaint(case) and case.kind not in PUBLISHED_KINDS:
        actions.add("resolve")
    if case.owner_id != user.pk and user.works_cases:
        actions.add("take")
    milestones = [m for m in case.milestones.all() if m.is_open]
    if any(m.due_at is not None for m in milestones) and not handled_as_complaint(case):
        actions.add("extend")
    if any(m.kind in MEETABLE_KINDS for m in milestones):
        actions.add("meet")
    # A text's second step (SPEC §10): who is dealing with it, and when (messaging's action).
    if any(m.kind in milestone_kinds.CONFIRMS for m in milestones):
        actions.add("confirm")
    # Acknowledged with the callback it promises (SPEC §10), not by the generic action.
    if is_voicemail(case) and any(m.kind in milestone_kinds.ACKNOWLEDGES for m in milestones):
        actions.add("voicemail")
    if any(m.kind == booked_kind(case) for m in milestones):
        actions.update({"late", "rebook"})
    return frozenset(actions)


def is_voicemail(case: Case) -> bool:
    return (
        case.channel == Channel.PHONE
        and (case.channel_details or {}).get("contact_type") == PhoneContact.VOICEMAIL
    )


def handled_as_complaint(case: Case) -> bool:
    """A complaint is extended and closed through its complaint record, which keeps the model
    policy's rules (notice before the old date passes, an outcome, the final response naming
    the Ombudsman), not through the case's generic actions."""
    return case.kind == CaseKind.COMPLAINT


def complaint_refusal(case: Case) -> str | None:
    if handled_as_complaint(case):
        return _(
            "Extend or close a complaint from its complaint record, which records the outcome "
            "and sends the final response."
        )
    return None
