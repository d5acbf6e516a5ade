"""Reads about officers."""

from datetime import date

from django.db.models import QuerySet

from .models import STAFF_ROLES, Absence, User


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
