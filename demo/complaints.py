"""Demo data for complaints, compliments and feedback, made through the services from the
demo's own cases. Idempotent: each step acts only on what has not been done yet."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from complaints.models import ComplaintCategory, Feedback, FeedbackDecision
from complaints.services import (
    complaint_record,
    compliment_record,
    feedback_decide,
    feedback_publish,
)
from contacts.channel_details import parse_details
from contacts.domain import lifecycle
from contacts.models import Case, CaseKind, Customer
from contacts.services import case_create
from standards.channels import Channel


def seed_complaints(*, now: datetime) -> None:
    officer = User.objects.filter(username="complaints").select_related("team").first()
    if officer is None or officer.team is None:
        return
    service_cases = Case.objects.filter(service_id=officer.team.service_id)
    # The waste officer is named in it: signed in as them, the demo shows that nothing of the
    # complaint reaches the officer complained about (its case, letters, alerts, figures).
    named = User.objects.filter(
        username="advisor-waste", team__service_id=officer.team.service_id
    ).first()

    for case in service_cases.filter(
        kind=CaseKind.COMPLAINT, complaint__isnull=True, status__in=lifecycle.OPEN
    ).order_by("received_at")[:1]:
        complaint_record(
            case=case,
            category=ComplaintCategory.objects.get(code="waste"),
            events_on=timezone.localdate(case.received_at) - timedelta(days=7),
            teams=[officer.team],
            officers=[named] if named else [],
            actor=officer,
            now=now,
        )

    for case in service_cases.filter(kind=CaseKind.COMPLIMENT, compliment__isnull=True)[:1]:
        compliment_record(
            service=case.service,
            channel=case.channel,
            received_at=case.received_at,
            text=case.description or case.summary,
            team=officer.team,
            case=case,
            actor=officer,
            now=now,
        )

    if not Feedback.objects.filter(published=True).exists():
        _seed_acted_on_feedback(officer=officer, now=now)


def _seed_acted_on_feedback(*, officer: User, now: datetime) -> None:
    """A suggestion from the web form, acted on, answered and published."""
    customer = Customer.objects.filter(email="julie.morgan@example.com").first()
    case = case_create(
        channel=Channel.WEBFORM,
        details=parse_details(
            Channel.WEBFORM, {"form": "feedback", "submission_id": "cyswllt-demo-feedback-1"}
        ),
        kind=CaseKind.FEEDBACK,
        service=officer.team.service,
        summary="Suggestion: weekly garden waste collections in summer",
        description="Could garden waste be collected every week from May to August?",
        received_at=now - timedelta(days=9),
        customer=customer,
        now=now,
    ).case
    if case.status not in lifecycle.OPEN:
        return
    try:
        feedback = feedback_decide(
            case=case,
            decision=FeedbackDecision.ACTED_ON,
            outcome="From May to August we will collect garden waste every week.",
            actor=officer,
            now=now,
        )
    except ValidationError:
        return  # the customer cannot be told: left to consider by hand
    feedback_publish(
        feedback=feedback,
        you_said_cy="Dylid casglu gwastraff gardd bob wythnos yn yr haf.",
        you_said_en="Garden waste should be collected every week in the summer.",
        we_did_cy="O fis Mai i fis Awst, rydym yn casglu gwastraff gardd bob wythnos.",
        we_did_en="From May to August, we collect garden waste every week.",
        actor=officer,
    )
