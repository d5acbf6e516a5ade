"""Who may see a complaint (SPEC §1 and §9): complaints officers and managers of the service
concerned, and administrators; never a member of staff the complaint is about.

One rule, ``hide_confidential``, a filter of any queryset of cases, registered with
``contacts.hooks.staff_case_visibility``: ``case_visible_to`` applies it, so every page and API
that lists or opens cases (and the complaints pages, which read through it) hides what the
user may not see. ``complaint_receivers`` (``contacts.hooks.case_receivers``) keeps a complaint
from being handed to anyone who may not open it.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Role, User

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
