"""Demo data for the standards evaluation: the dashboard's counts, the daily figures, last
month's monitoring samples with one scored, and a few satisfaction answers. Idempotent: every
step either replaces derived figures or does nothing the second time."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import Role, Service, User
from contacts import services as case_services
from contacts.channel_details import parse_details
from contacts.models import Case, CaseEvent, CaseKind, CaseStatus, Customer, EventKind
from contacts.services import appointments
from performance.dashboards.daily import daily_stats_keep_current
from performance.dashboards.live import sla_snapshot_take
from performance.domain.measures import month_before
from performance.models import MonitoringCheck, Satisfaction, SatisfactionAnswer, ScoreAnswer
from performance.monitoring.services import (
    ScoreInput,
    monitoring_check_score,
    monitoring_samples_draw_last_month,
)
from standards.models import Behaviour
from standards.selectors import working_calendar

#: seed_demo's mark on the demo's inbound message ids (it finds its own cases by it).
_DEMO_SOURCE = "cyswllt-demo-"

#: Two cases per service received and resolved last month (on or after these days of it), so
#: that last month's random sample has cases to check whatever day the demo is seeded on:
#: the demo's other cases are all from the last three weeks.
_LAST_MONTH = (
    (8, "en", "Question about my account", "The customer asked how to update their details."),
    (15, "cy", "Cwestiwn am fy nghyfrif", "Gofynnodd y cwsmer sut i newid ei fanylion."),
)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_default_timezone())


def seed_last_months_cases(*, now: datetime) -> None:
    """Last month's resolved cases of each service, made through the case services."""
    month = month_before(now.date())  # the month monitoring_samples_draw_last_month samples
    calendar = working_calendar()
    # Looked for first: a repeated inbound message would be refused, but costs a reference.
    made_before = set(
        Case.objects.filter(
            source_key__startswith=f"webform:{_DEMO_SOURCE}last-month-"
        ).values_list("source_key", flat=True)
    )
    for service in Service.objects.order_by("pk"):
        owner = (
            User.objects.filter(team__service=service, role=Role.ADVISOR, is_active=True)
            .order_by("pk")
            .first()
        )
        if owner is None:
            continue
        for number, (day, language, summary, description) in enumerate(_LAST_MONTH, start=1):
            received = month.replace(day=day)
            if not calendar.is_working_day(received):
                received = calendar.next_working_day(received)
            submission = f"{_DEMO_SOURCE}last-month-{service.pk}-{month:%Y%m}-{number}"
            if f"webform:{submission}" in made_before:
                continue
            made = case_services.case_create(
                channel="webform",
                details=parse_details(
                    "webform", {"form": "contact-us", "submission_id": submission}
                ),
                kind=CaseKind.ENQUIRY,
                service=service,
                summary=summary,
                description=description,
                received_at=_at(received, 10),
                customer=Customer.objects.filter(preferred_language=language)
                .order_by("pk")
                .first(),
                language=language,
                owner=owner,
                now=_at(received, 10),
            )
            if not made.created:
                continue
            answered = calendar.add_working_days(received, 1)
            case_services.case_acknowledge(case=made.case, actor=owner, at=_at(received, 12))
            case_services.case_respond(case=made.case, actor=owner, at=_at(answered, 11))
            case_services.case_resolve(case=made.case, actor=owner, at=_at(answered, 12))


def seed_last_months_late_appointment(*, now: datetime) -> None:
    """One appointment last month whose officer ran late, so that the evaluation's table of
    appointment changes has a figure for the month it shows first. Once only."""
    if CaseEvent.objects.filter(kind=EventKind.RUNNING_LATE, case__kind=CaseKind.ENQUIRY).exists():
        return
    owner = (
        User.objects.filter(role=Role.ADVISOR, is_active=True, team__isnull=False)
        .select_related("team__service")
        .order_by("pk")
        .first()
    )
    if owner is None or owner.team is None:
        return
    calendar = working_calendar()
    day = month_before(now.date()).replace(day=20)
    if not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
    booked = _at(day, 11)
    made = case_services.case_create(
        channel="visit",
        details=parse_details(
            "visit",
            {
                "contact_type": "appointment",
                "location": "Council Offices, Llanfair",
                "scheduled_at": booked.isoformat(),
            },
        ),
        kind=CaseKind.ENQUIRY,
        service=owner.team.service,
        summary="Appointment about a council tax reduction",
        description="The resident booked an appointment to apply for a reduction.",
        received_at=_at(day, 9),
        customer=Customer.objects.order_by("pk").first(),
        language="en",
        owner=owner,
        now=_at(day, 9),
    )
    appointments.appointment_running_late(
        case=made.case,
        minutes=20,
        reason="The officer is still with another resident.",
        actor=owner,
        now=booked - timedelta(minutes=5),
    )


def seed_evaluation(*, now: datetime) -> None:
    seed_last_months_cases(now=now)
    seed_last_months_late_appointment(now=now)
    resolved = list(
        Case.objects.filter(status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED])
        .order_by("pk")
        .values_list("pk", flat=True)[:6]
    )
    for number, case_id in enumerate(resolved):
        answer = Satisfaction.NOT_SATISFIED if number % 3 == 2 else Satisfaction.SATISFIED
        SatisfactionAnswer.objects.get_or_create(
            case_id=case_id, defaults={"answer": answer, "answered_at": now - timedelta(hours=1)}
        )
    monitoring_samples_draw_last_month(now=now)
    # Scored by the manager of a team of the sample's service (not every demo service has one).
    unscored = (
        MonitoringCheck.objects.filter(
            checked_at__isnull=True, sample__service__teams__manager__isnull=False
        )
        .select_related("case")
        .distinct()
    )
    if not MonitoringCheck.objects.filter(checked_at__isnull=False).exists() and (
        check := unscored.first()
    ):
        behaviours = Behaviour.objects.filter(standard_id=check.case.standard_id)
        scores = [
            ScoreInput(b.pk, ScoreAnswer.NO if i == 1 else ScoreAnswer.YES)
            for i, b in enumerate(behaviours)
        ]
        if scores:
            manager = check.sample.service.teams.exclude(manager=None).first()
            monitoring_check_score(
                check=check, actor=manager.manager if manager else None, scores=scores, now=now
            )
    daily_stats_keep_current(now=now)
    sla_snapshot_take(now=now)
