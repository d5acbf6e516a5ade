"""Who may see a complaint (SPEC §1 and §9): complaints officers and managers of the service
concerned, and administrators; never a member of staff the complaint is about.

``complaints_readable`` answers ``contacts.hooks.complaints_readable``: the one visibility
policy (``contacts.visibility.case_visible_to``) opens a complaint to a member of staff only
where this condition holds, so every page and API that lists or opens cases (and the complaints
pages, which read through it) hides what the user may not see, set-based. Administrators are
the policy's own rule. ``complaint_receivers`` (``contacts.hooks.case_receivers``) keeps a
complaint from being handed to anyone who may not open it.
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


def complaints_readable(user: User, /) -> Q:
    """Of the complaints (a condition over cases), those a member of staff may read: their own
    service's, if they handle complaints, unless the complaint names them."""
    if user.role not in COMPLAINT_ROLES or not user.service_id:
        return Q(pk__in=[])
    named = Exists(
        Complaint.officers_complained_about.through.objects.filter(
            complaint__case_id=OuterRef("pk"), user_id=user.pk
        )
    )
    return Q(~named, service_id=user.service_id)


def complaint_receivers(users: QuerySet[User], *, case: Any) -> QuerySet[User]:
    """Of ``users``, those a complaint ``case`` may be handed to: complaints officers and
    managers who are not named in it. Other cases go to anyone ``users`` holds."""
    if case.kind != COMPLAINT_KIND:
        return users
    return users.filter(role__in=COMPLAINT_ROLES).exclude(complaints_about__case_id=case.pk)
