"""Who may see a complaint (SPEC §1 and §9): complaints officers and managers of the service
concerned, and administrators; never a member of staff the complaint is about.

``complaints_readable`` answers ``contacts.hooks.complaints_readable``: the one visibility
policy (``contacts.visibility.case_visible_to``) opens a complaint to a member of staff only
where this condition holds, so every page and API that lists or opens cases (and the complaints
pages, which read through it) hides what the user may not see, set-based. Administrators are
the policy's own rule. ``complaint_receivers`` (``contacts.hooks.case_receivers``) keeps a
complaint from being handed to anyone who may not open it, and ``complaint_audience``
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


def complaint_audience(rows: QuerySet, *, case: str, person: str) -> QuerySet:
    """Of ``rows`` pairing a case (path ``case``) with a person (path ``person`` to a user id),
    drop each complaint paired with someone the visibility policy would hide it from: anyone
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
