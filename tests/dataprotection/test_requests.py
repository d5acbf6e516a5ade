"""A subject access request is a case of its own kind, due one calendar month from receipt
(its standard in the catalogue), extendable once to three months with the reason told to the
requester through the one outbox and recorded on the timeline (docs/adr/0031)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts.models import Case, CaseEvent, EventKind, Milestone
from dataprotection.services.requests import request_extend
from messaging.models import OutboundMessage, Purpose
from standards.domain.deadlines import within_calendar_months
from standards.selectors import working_calendar
from tests.factories import CustomerFactory, make_case

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Saturday 31 January 2026: one month on is the short month's last day, Saturday 28 February,
# so Monday 2 March; three months on is 30 April's end (a Thursday).
RECEIVED = datetime(2026, 1, 31, 10, tzinfo=UTC)
NOW = datetime(2026, 2, 10, 12, tzinfo=UTC)


@pytest.fixture
def request_case(service, advisor):
    customer = CustomerFactory(email="gwen@example.com", preferred_language="cy")
    return make_case(
        service=service,
        kind="subject_access",
        summary="Copy of my records",
        received_at=RECEIVED,
        owner=advisor,
        customer=customer,
    )


def state(case):
    return (
        list(Milestone.objects.filter(case=case).values_list("kind", "due_at", "revision")),
        CaseEvent.objects.filter(case=case).count(),
        OutboundMessage.objects.filter(case=case, purpose=Purpose.EXTENSION).count(),
    )


def test_a_request_is_due_one_calendar_month_from_receipt(request_case):
    (milestone,) = request_case.milestones.all()

    assert request_case.standard.code == "SUBJECT_ACCESS"
    assert (milestone.kind, milestone.rule) == ("respond", "calendar_months")
    # 28 February 2026 is a Saturday: the next working day, at closing time.
    assert milestone.due_at == datetime(2026, 3, 2, 17, tzinfo=LONDON)


def test_the_extension_is_to_three_months_told_and_on_the_timeline(request_case, advisor):
    request_extend(case=request_case, reason="Many records across services", actor=advisor, now=NOW)

    milestone = request_case.milestones.get()
    assert milestone.due_at == datetime(2026, 4, 30, 17, tzinfo=LONDON)
    assert milestone.original_due_at == datetime(2026, 3, 2, 17, tzinfo=LONDON)
    event = CaseEvent.objects.get(case=request_case, kind=EventKind.EXTENDED)
    assert (event.text, event.actor) == ("Many records across services", advisor)
    (notice,) = OutboundMessage.objects.filter(case=request_case, purpose=Purpose.EXTENSION)
    assert "Many records across services" in notice.body
    assert "30 Ebrill 2026" in notice.body  # the requester's language first


def test_a_second_extension_is_refused_and_changes_nothing(request_case, advisor):
    request_extend(case=request_case, reason="Many records", actor=advisor, now=NOW)
    before = state(request_case)

    with pytest.raises(ValidationError) as refused:
        request_extend(case=request_case, reason="Again", actor=advisor, now=NOW)

    assert refused.value.message_dict == {
        "reason": ["This request has already been extended as far as the law allows."]
    }
    assert state(request_case) == before


@pytest.mark.parametrize(
    ("kind", "reason", "error"),
    [
        ("enquiry", "Busy", {"case": ["This case is not a subject access request."]}),
        ("subject_access", "  ", {"reason": ["Give the reason for the extension."]}),
    ],
)
def test_bad_extensions_are_refused_and_change_nothing(service, advisor, kind, reason, error):
    case = make_case(service=service, kind=kind, received_at=RECEIVED, owner=advisor)
    before = state(case)

    with pytest.raises(ValidationError) as refused:
        request_extend(case=case, reason=reason, actor=advisor, now=NOW)

    assert refused.value.message_dict == error
    assert state(case) == before


def test_staff_log_a_request_through_the_log_contact_form(client, advisor):
    """The one way in: a request asked for at reception is logged like any contact."""
    received = timezone.localtime(timezone.now() - timedelta(hours=1))
    client.force_login(advisor)

    response = client.post(
        "/en/log-contact/letter/",
        {
            "kind": "subject_access",
            "summary": "Copy of my records",
            "language": "cy",
            "assign_to": "me",
            "postal_address": "1 Stryd Fawr, Rhuthun",
            "letter_postcode": "LL15 1AA",
            "customer_name": "Gwen Morgan",
            "customer_email": "gwen@example.com",
            "received_at_day": str(received.day),
            "received_at_month": str(received.month),
            "received_at_year": str(received.year),
            "received_at_time": received.strftime("%H:%M"),
        },
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.standard.code, case.customer.name) == (
        "subject_access",
        "SUBJECT_ACCESS",
        "Gwen Morgan",
    )
    calendar = working_calendar()
    assert case.milestones.get().due_at == within_calendar_months(case.received_at, 1, calendar)
