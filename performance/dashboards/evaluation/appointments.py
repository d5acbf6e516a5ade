"""Appointments and officer visits running late or re-booked, per week or month (SPEC §10).

Counted from the timeline's ``running_late`` and ``rebooked`` events in the period (by when the
officer recorded them), through the events' time index and one grouped query: an appointment
told late twice in a month is one late appointment that month.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils.translation import gettext_lazy as _

from contacts.models import CaseEvent, EventKind
from standards.channels import Channel, VisitContact

from ...domain.measures import Grain
from ...tables import Column, Table
from ..daily import local_midnight
from .period import Period, as_date, period_column

BOOKED_VISITS = (VisitContact.APPOINTMENT, VisitContact.OFFICER_VISIT)


def appointment_changes(period: Period) -> Table:
    """Per week or month and kind of visit: how many were running late, how many re-booked."""
    zone = ZoneInfo(settings.TIME_ZONE)
    trunc_class = TruncWeek if period.grain is Grain.WEEK else TruncMonth
    events = CaseEvent.objects.filter(
        kind__in=(EventKind.RUNNING_LATE, EventKind.REBOOKED),
        created_at__gte=local_midnight(period.first),
        created_at__lt=local_midnight(period.last + timedelta(days=1)),
        case__channel=Channel.VISIT,
        case__contact_type__in=BOOKED_VISITS,
    )
    if period.service_id:
        events = events.filter(case__service_id=period.service_id)
    found = (
        events.annotate(period=trunc_class("created_at", output_field=DateField(), tzinfo=zone))
        .values("period", "case__contact_type")
        .annotate(
            late=Count("case_id", distinct=True, filter=Q(kind=EventKind.RUNNING_LATE)),
            rebooked=Count("case_id", distinct=True, filter=Q(kind=EventKind.REBOOKED)),
        )
        .order_by("period", "case__contact_type")
    )
    return Table(
        slug="appointment-changes",
        title=_("Appointments and officer visits running late or re-booked"),
        columns=[
            period_column(period.grain),
            Column("visit", _("Kind of visit")),
            Column("late", _("Running late"), numeric=True),
            Column("rebooked", _("Cancelled and re-booked"), numeric=True),
        ],
        rows=[
            [
                as_date(row["period"]),
                str(VisitContact(row["case__contact_type"]).label),
                row["late"],
                row["rebooked"],
            ]
            for row in found
        ],
    )
