"""Cyswllt's own metrics, counted from the database when Prometheus scrapes.

Counted at scrape time, by a collector, and not kept in counters in memory: under gunicorn and
Celery the work is spread over many processes on several machines, each of which would hold a
different part of the count, while the database holds all of it; every web process therefore
reports the same figures, whichever one a scrape reaches. Each figure is one set-based query
(``GROUP BY``) over the rows it counts, most of them read through a partial index that holds
only those rows (the owed and the failed messages, the open milestones, the quarantine awaiting
review); none loops over cases.

"Messages failed" and "inbound quarantined" are gauges, not counters: they count rows, and the
retention job deletes old cases with their messages, so they may go down (a counter that went
down would read to Prometheus as a restart). ``increase()`` is not for them; ``delta()`` is.
"""

from collections.abc import Iterator
from datetime import datetime

from django.db import DatabaseError
from django.db.models import Count, Min, Q
from django.utils import timezone
from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from channels_app.models import QuarantinedMessage
from contacts.models import OPEN_MILESTONE_STATES, Milestone
from messaging.models import DeliveryState, Method, OutboundMessage

from .models import Heartbeat

#: The states of a message not yet done with: owed (queued, being sent) or waiting for post.
BACKLOG_STATES = (DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.TO_POST)
OWED_STATES = (DeliveryState.QUEUED, DeliveryState.SENDING)


def open_milestones() -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "cyswllt_milestones_open",
        "Open milestones (pending, due soon, breached) by standard and state.",
        labels=["standard", "state"],
    )
    rows = (
        Milestone.objects.filter(state__in=OPEN_MILESTONE_STATES)
        .values("target__standard__code", "state")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        family.add_metric([row["target__standard__code"], row["state"]], row["count"])
    return family


def outbox_backlog() -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "cyswllt_outbox_backlog",
        "Messages not yet done with, by state: queued, sending, to_post (waiting to be posted).",
        labels=["state"],
    )
    # Each arm matches one partial index's condition (message_owed, message_to_post).
    counts = dict(
        OutboundMessage.objects.filter(Q(state__in=OWED_STATES) | Q(state=DeliveryState.TO_POST))
        .values_list("state")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for state in BACKLOG_STATES:
        family.add_metric([state.value], counts.get(state.value, 0))
    return family


def oldest_owed(*, now: datetime) -> GaugeMetricFamily:
    oldest = OutboundMessage.objects.filter(state__in=OWED_STATES).aggregate(
        oldest=Min("created_at")
    )["oldest"]
    return GaugeMetricFamily(
        "cyswllt_outbox_oldest_owed_age_seconds",
        "Age of the oldest message still owed (queued or being sent); 0 when none is.",
        value=(now - oldest).total_seconds() if oldest else 0.0,
    )


def messages_failed() -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "cyswllt_messages_failed",
        "Messages that failed for good (a refusal the provider would repeat, or every retry "
        "used), by method.",
        labels=["method"],
    )
    counts = dict(
        OutboundMessage.objects.filter(state=DeliveryState.FAILED)
        .values_list("method")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for method in Method:
        family.add_metric([method.value], counts.get(method.value, 0))
    return family


def quarantined() -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "cyswllt_inbound_quarantined",
        "Inbound messages quarantined, by channel and reason, and whether staff have reviewed "
        "them yet.",
        labels=["channel", "reason", "reviewed"],
    )
    rows = (
        QuarantinedMessage.objects.values("channel", "reason")
        .annotate(
            waiting=Count("pk", filter=Q(reviewed_at__isnull=True)),
            reviewed=Count("pk", filter=Q(reviewed_at__isnull=False)),
        )
        .order_by()
    )
    for row in rows:
        family.add_metric([row["channel"], row["reason"], "false"], row["waiting"])
        family.add_metric([row["channel"], row["reason"], "true"], row["reviewed"])
    return family


def periodic_jobs() -> Iterator[GaugeMetricFamily]:
    finished = GaugeMetricFamily(
        "cyswllt_job_last_run_timestamp_seconds",
        "When each periodic job last finished (Unix time).",
        labels=["job"],
    )
    duration = GaugeMetricFamily(
        "cyswllt_job_last_run_duration_seconds",
        "How long each periodic job's last run took; the SLA sweep's is "
        'job="contacts.tasks.sla_sweep".',
        labels=["job"],
    )
    succeeded = GaugeMetricFamily(
        "cyswllt_job_last_run_succeeded",
        "1 if each periodic job's last run succeeded, else 0.",
        labels=["job"],
    )
    beats = GaugeMetricFamily(
        "cyswllt_heartbeat_timestamp_seconds",
        'Last heartbeat (Unix time): "beat.sent" when beat sent it, "beat" when a worker ran it.',
        labels=["name"],
    )
    for row in Heartbeat.objects.order_by("name"):
        if row.name.startswith("job:"):
            job = [row.name.removeprefix("job:")]
            finished.add_metric(job, row.at.timestamp())
            duration.add_metric(job, row.seconds or 0.0)
            succeeded.add_metric(job, 1.0 if row.succeeded else 0.0)
        else:
            beats.add_metric([row.name], row.at.timestamp())
    yield from (finished, duration, succeeded, beats)


class CyswlltCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        try:
            families = [
                open_milestones(),
                outbox_backlog(),
                oldest_owed(now=now),
                messages_failed(),
                quarantined(),
                *periodic_jobs(),
            ]
        except DatabaseError:
            # The scrape still answers, and says why the figures are missing.
            yield GaugeMetricFamily(
                "cyswllt_database_up", "1 if the database answered the scrape.", value=0.0
            )
            return
        yield GaugeMetricFamily(
            "cyswllt_database_up", "1 if the database answered the scrape.", value=1.0
        )
        yield from families


def cyswllt_registry() -> CollectorRegistry:
    """A registry of its own per scrape: the collector is never held in any process's state,
    nor counted twice by the multiprocess collector."""
    registry = CollectorRegistry()
    registry.register(CyswlltCollector())
    return registry
