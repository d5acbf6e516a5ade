"""Reads about officers, and who is a councillor or clerk."""

from datetime import date

from django.db.models import QuerySet

from .models import STAFF_ROLES, SUBMITTER_ROLES, Absence, User


def colleagues_of(officer: User) -> QuerySet[User]:
    """Active staff of the officer's own service, the officer left out."""
    if officer.service_id is None:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True, role__in=STAFF_ROLES, team__service_id=officer.service_id
        )
        .exclude(pk=officer.pk)
        .order_by("first_name", "last_name", "username")
    )


def absences_ahead(*, officer: User, today: date) -> QuerySet[Absence]:
    """The officer's absences that have not ended yet, soonest first."""
    return (
        Absence.objects.filter(user=officer, ends_on__gte=today)
        .select_related("cover")
        .order_by("starts_on")
    )


def member_by_address(address: str) -> User | None:
    """The councillor or town or community council clerk whose registered e-mail address
    (their user's ``email``) this is, ignoring case; ``None`` when it is nobody's, or when
    more than one member shares it (the contact cannot be told apart, so it stays the
    customer's). The one recognition of a member by address: the department mailboxes and the
    staff form both ask it (docs/adr/0024)."""
    address = address.strip()
    if not address:
        return None
    members = list(
        User.objects.filter(role__in=SUBMITTER_ROLES, is_active=True, email__iexact=address)[:2]
    )
    return members[0] if len(members) == 1 else None
