"""Who may see a complaint (SPEC §1 and §9): complaints officers and managers of the service
concerned, and administrators; never a member of staff the complaint is about.

One rule, ``hide_confidential``, a filter of any queryset of cases, registered with
``contacts.hooks.staff_case_visibility``: ``case_visible_to`` applies it, so every page and API
that lists or opens cases (and the complaints pages, which read through it) hides what the
user may not see. ``complaint_receivers`` (``contacts.hooks.case_receivers``) keeps a complaint
from being handed to anyone who may not open it, and ``complaint_audience``
(``contacts.hooks.case_audience``, the same rule for many cases and people at once) from being
told to them by e-mail.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Role, User
from contacts.audience import case_field

from .models import Complaint

#: Staff roles that handle complaints for their own service.
COMPLAINT_ROLES = frozenset({Role.COMPLAINTS_OFFICER, Role.MANAGER})
COMPLAINT_KIND = "complaint"  # contacts.models.CaseKind.COMPLAINT, without importing contacts


def handles_complaints(user: User) -> bool:
    """May work complaints at all (their own service's, or every one for administrators)."""
    return user.is_authenticated and (user.is_administrator or user.role in COMPLAINT_ROLES)


def hide_confidential(cases: QuerySet, user: User) -> QuerySet:
    """``cases`` without the complaints ``user`` may not see."""
    about_user = Exists(
        Complaint.officers_complained_about.through.objects.filter(
            complaint__case_id=OuterRef("pk"), user_id=user.pk
        )
    )
    if user.is_administrator:
        allowed = Q()
    elif user.role in COMPLAINT_ROLES and user.service_id:
        allowed = Q(service_id=user.service_id)
    else:
        return cases.exclude(kind=COMPLAINT_KIND)
    return cases.filter(~Q(kind=COMPLAINT_KIND) | (allowed & ~about_user))


def complaint_receivers(users: QuerySet[User], *, case: Any) -> QuerySet[User]:
    """Of ``users``, those a complaint ``case`` may be handed to: complaints officers and
    managers who are not named in it. Other cases go to anyone ``users`` holds."""
    if case.kind != COMPLAINT_KIND:
        return users
    return users.filter(role__in=COMPLAINT_ROLES).exclude(complaints_about__case_id=case.pk)


def complaint_audience(rows: QuerySet, *, case: str, person: str) -> QuerySet:
    """Of ``rows`` pairing a case (path ``case``) with a person (path ``person`` to a user id),
    drop each complaint paired with someone ``hide_confidential`` would hide it from: anyone
    named in it, and anyone but administrators and its service's complaints officers and
    managers."""
    named = Complaint.officers_complained_about.through.objects.filter(
        complaint__case_id=OuterRef(case_field(case, "id")), user_id=OuterRef(person)
    )
    allowed = User.objects.filter(pk=OuterRef(person)).filter(
        Q(role=Role.ADMINISTRATOR)
        | Q(is_superuser=True)
        | Q(role__in=COMPLAINT_ROLES, team__service_id=OuterRef(case_field(case, "service_id")))
    )
    not_a_complaint = ~Q(**{case_field(case, "kind"): COMPLAINT_KIND})
    return rows.filter(not_a_complaint | (Exists(allowed) & ~Exists(named)))
