"""Right first time, by routing (SPEC §9): of the cases each service closed in the period, the
share that never had to be sent back because they came to the wrong service.

Read live, in one grouped query: the cases resolved in the period (the partial index on
``resolved_at``), each with whether a transfer marked misrouted exists on its timeline (the
small partial index of such transfers). A case counts for the service that closed it.
"""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from contacts.domain.lifecycle import CLOSED, RESOLVED
from contacts.models import Case, CaseEvent, EventKind

from ...domain.measures import percent
from ...tables import Column, Table
from ..daily import local_midnight
from .period import Period, service_names


def routing_right_first_time(period: Period) -> Table:
    """Cases closed in the period, and those sent back from the wrong service, per service."""
    sent_back = CaseEvent.objects.filter(
        case=OuterRef("pk"), kind=EventKind.TRANSFERRED, payload__misrouted=True
    )
    closed = Case.objects.filter(
        status__in=(RESOLVED, CLOSED),
        resolved_at__gte=local_midnight(period.first),
        resolved_at__lt=local_midnight(period.last + timedelta(days=1)),
    )
    if period.service_id:
        closed = closed.filter(service_id=period.service_id)
    rows = (
        closed.annotate(was_sent_back=Exists(sent_back))
        .values("service_id")
        .annotate(closed=Count("pk"), sent_back=Count("pk", filter=Q(was_sent_back=True)))
        .order_by()
    )
    names = service_names()
    return Table(
        slug="routed-right-first-time",
        title=_("Routed right first time, by service"),
        columns=[
            Column("service", _("Service")),
            Column("closed", _("Cases closed"), numeric=True),
            Column("sent_back", _("Sent back from the wrong service"), numeric=True),
            Column("right", _("Never sent back"), numeric=True),
            Column("rate", _("Percentage routed right first time"), numeric=True, percent=True),
        ],
        rows=sorted(
            [
                [
                    names.get(r["service_id"], ""),
                    r["closed"],
                    r["sent_back"],
                    r["closed"] - r["sent_back"],
                    percent(r["closed"] - r["sent_back"], r["closed"]),
                ]
                for r in rows
            ],
            key=lambda row: str(row[0]),
        ),
        chart="rate",
        note=_(
            "Cases resolved in the period, by the service that resolved them: a case that came "
            "to the wrong service and was sent back with a reason was not routed right first "
            "time."
        ),
    )
