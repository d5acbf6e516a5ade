"""Writes to officers' own records: the absences that out-of-office replies are made from."""

from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.errors import ServiceError

from .models import Absence, User


def _colleague(officer: User, cover: User | None) -> bool:
    return cover is None or (
        cover.pk != officer.pk
        and cover.is_active
        and cover.works_cases
        and cover.service_id is not None
        and cover.service_id == officer.service_id
    )


@transaction.atomic
def absence_record(
    *,
    officer: User,
    starts_on: date,
    ends_on: date,
    cover: User | None,
    urgent_contact: str,
    today: date,
) -> Absence:
    """An officer will be away from ``starts_on`` to ``ends_on`` (both days away): mail
    addressed to them meanwhile is answered with the day they are back and whom to contact."""
    urgent_contact = urgent_contact.strip()
    errors: dict[str, str] = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("The last day away must be the same as or after the first day away")
    elif ends_on < today:
        errors["ends_on"] = _("The last day away cannot be in the past")
    if not _colleague(officer, cover):
        errors["cover"] = _("Choose a colleague from your own service")
    if cover is None and not urgent_contact:
        errors["cover"] = _("Choose a colleague covering, or give a contact for urgent matters")
    if errors:
        raise ServiceError(errors)
    # Locking the officer's row makes two overlapping submissions take turns.
    User.objects.select_for_update().filter(pk=officer.pk).first()
    clash = (
        Absence.objects.filter(user=officer, starts_on__lte=ends_on, ends_on__gte=starts_on)
        .order_by("starts_on")
        .first()
    )
    if clash is not None:
        raise ServiceError(
            {
                "starts_on": _("You already have an absence from %(first)s to %(last)s")
                % {
                    "first": date_format(clash.starts_on, "j F Y"),
                    "last": date_format(clash.ends_on, "j F Y"),
                }
            }
        )
    return Absence.objects.create(
        user=officer,
        starts_on=starts_on,
        ends_on=ends_on,
        cover=cover,
        urgent_contact=urgent_contact,
    )


def absence_cancel(*, officer: User, absence_id: int) -> bool:
    """Remove one of the officer's own absences; ``False`` when there was none to remove."""
    deleted, _rows = Absence.objects.filter(user=officer, pk=absence_id).delete()
    return bool(deleted)
