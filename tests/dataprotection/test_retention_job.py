"""The retention job: takes the personal data out of the cases the schedule says are due (the
SQL choosing the rule as the domain module does), skips legal holds, removes customers left with
no case, records the run, and does nothing the second time."""

import os
from datetime import UTC, date, datetime

import pytest
from django.core.files.base import ContentFile

from channels_app.models import InboundMessage
from complaints.models import Complaint, ComplaintCategory
from contacts.models import Attachment, Case, CaseEvent, Customer
from dataprotection.models import RetentionRule
from dataprotection.retention_selectors.retention import due_cases_claim
from dataprotection.services.holds import legal_hold_place, legal_hold_release
from dataprotection.services.retention import retention_apply
from messaging.models import OutboundMessage
from tests.factories import CustomerFactory, ServiceFactory, make_case

pytestmark = pytest.mark.django_db

NOW = datetime(2032, 6, 1, 3, 0, tzinfo=UTC)


def closed(case, on: datetime) -> Case:
    Case.objects.filter(pk=case.pk).update(status="closed", closed_at=on)
    case.refresh_from_db()
    return case


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_the_sql_picks_the_rule_and_day_the_domain_module_does(service):
    """Seeded schedule: every case 72 months, service requests 24, confidential 72. Plus a
    waste rule of 18 months for enquiries. Worked by hand for 1 March 2028:

    - enquiry of waste closed 31 Aug 2026 (BST: 30 Aug 23:30Z is 31 Aug local): 18 months is
      29 Feb 2028 (leap year, the 31st clamped): due;
    - enquiry of waste closed 1 Sep 2026: due 1 Mar 2028: due (the day itself);
    - enquiry of waste closed 2 Sep 2026: due 2 Mar 2028: not yet;
    - enquiry of highways closed 1 Sep 2026: the catch-all, 72 months: not yet;
    - service request of highways closed 28 Feb 2026: 24 months, 28 Feb 2028: due;
    - an open case: never.
    """
    highways = ServiceFactory(code="highways")
    RetentionRule.objects.create(
        name_en="Waste enquiries",
        name_cy="Ymholiadau gwastraff",
        kind="enquiry",
        service=service,
        months=18,
    )
    due_a = closed(make_case(service=service), utc(2026, 8, 30, 23, 30))
    due_b = closed(make_case(service=service), utc(2026, 9, 1, 9, 0))
    closed(make_case(service=service), utc(2026, 9, 2, 9, 0))
    closed(make_case(service=highways), utc(2026, 9, 1, 9, 0))
    due_c = closed(make_case(service=highways, kind="service_request"), utc(2026, 2, 28, 12, 0))
    make_case(service=service)

    batch = due_cases_claim(today=date(2028, 3, 1), limit=100)

    assert sorted(batch.anonymise) == sorted([due_a.pk, due_b.pk, due_c.pk])
    assert batch.delete == []


def test_a_case_is_anonymised_and_its_statistics_stay(
    service, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    customer = CustomerFactory(name="Ann Jones", email="ann@example.com", phone="07700900123")
    case = make_case(
        service=service, customer=customer, summary="Ann's missed bin", description="At no. 4"
    )
    CaseEvent.objects.create(
        case=case, kind="note", created_at=utc(2026, 3, 2, 11), text="Ann rang back"
    )
    CaseEvent.objects.create(
        case=case,
        kind="complaint_action",
        created_at=utc(2026, 3, 2, 12),
        payload={"owner": "Sam Jones", "due_on": "2026-03-20"},
    )
    attachment = Attachment(case=case, filename="ann.pdf", content_type="application/pdf", size=3)
    attachment.file.save("ann.pdf", ContentFile(b"pdf"), save=False)
    attachment.save()
    stored = attachment.file.path
    InboundMessage.objects.create(
        source_key="msg-1",
        channel="email",
        case=case,
        sender="ann@example.com",
        subject="Bin",
        body="Dear council, Ann",
        received_at=utc(2026, 3, 2),
        created_at=utc(2026, 3, 2),
    )
    closed(case, utc(2026, 3, 10, 12))
    milestones = list(case.milestones.order_by("kind").values("kind", "state", "due_at"))
    messages = OutboundMessage.objects.filter(case=case)
    message_count = messages.count()

    with django_capture_on_commit_callbacks(execute=True):
        run = retention_apply(now=NOW)

    case.refresh_from_db()
    assert (case.summary, case.description, case.channel_details, case.customer_id) == (
        "",
        "",
        {},
        None,
    )
    assert case.anonymised_at == NOW
    assert (case.kind, case.service_id, case.channel, case.status, case.closed_at) == (
        "enquiry",
        service.pk,
        "email",
        "closed",
        utc(2026, 3, 10, 12),
    )
    assert list(case.milestones.order_by("kind").values("kind", "state", "due_at")) == milestones
    assert set(CaseEvent.objects.filter(case=case).values_list("text", flat=True)) == {""}
    assert CaseEvent.objects.get(case=case, kind="complaint_action").payload == {
        "due_on": "2026-03-20"
    }
    assert not Attachment.objects.filter(case=case).exists()
    assert not os.path.exists(stored)
    inbound = InboundMessage.objects.get(case=case)
    assert (inbound.sender, inbound.subject, inbound.body) == ("", "", "")
    assert messages.count() == message_count
    assert set(messages.values_list("recipient", "subject", "body")) <= {("", "", "")}
    assert not Customer.objects.filter(pk=customer.pk).exists()
    run.refresh_from_db()
    assert (run.cases_anonymised, run.cases_deleted, run.customers_removed) == (1, 0, 1)
    assert run.finished_at is not None

    again = retention_apply(now=NOW)
    assert (again.cases_anonymised, again.cases_deleted, again.customers_removed) == (0, 0, 0)


def test_legal_holds_stop_it_and_a_customer_with_a_case_left_stays(service, administrator):
    held_customer = CustomerFactory(name="Held Person")
    held_by_customer = closed(make_case(service=service, customer=held_customer), utc(2020, 1, 1))
    case_held = closed(make_case(service=service), utc(2020, 1, 1))
    released = closed(make_case(service=service), utc(2020, 1, 1))
    keeps = CustomerFactory(name="Still Here")
    old = closed(make_case(service=service, customer=keeps), utc(2020, 1, 1))
    make_case(service=service, customer=keeps, summary="Open one")
    legal_hold_place(customer=held_customer, reason="Claim", by=administrator)
    legal_hold_place(case=case_held, reason="Claim", by=administrator)
    hold = legal_hold_place(case=released, reason="Claim", by=administrator)
    legal_hold_release(hold_id=hold.pk, by=administrator)

    run = retention_apply(now=NOW, batch_size=1)

    anonymised = set(Case.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True))
    assert anonymised == {released.pk, old.pk}
    assert Case.objects.get(pk=held_by_customer.pk).summary == "Missed bin"
    assert Case.objects.get(pk=case_held.pk).summary == "Missed bin"
    assert Customer.objects.filter(pk=keeps.pk).exists()
    assert (run.cases_anonymised, run.customers_removed) == (2, 0)


def test_a_delete_rule_deletes_the_case_and_its_customer(service):
    RetentionRule.objects.filter(kind="service_request").update(action="delete")
    customer = CustomerFactory()
    gone = closed(
        make_case(service=service, kind="service_request", customer=customer), utc(2020, 1, 1)
    )
    kept = closed(make_case(service=service), utc(2020, 1, 1))

    run = retention_apply(now=NOW)

    assert not Case.objects.filter(pk=gone.pk).exists()
    assert not Customer.objects.filter(pk=customer.pk).exists()
    assert Case.objects.get(pk=kept.pk).anonymised_at == NOW
    assert (run.cases_anonymised, run.cases_deleted, run.customers_removed) == (1, 1, 1)


def test_a_complaint_keeps_what_the_report_counts(service):
    case = make_case(service=service, kind="complaint")
    Complaint.objects.create(
        case=case,
        category=ComplaintCategory.objects.get(code="waste"),
        events_on=date(2026, 1, 1),
        late_reason="Ann was in hospital",
        on_behalf_of="Ann Jones",
        consent_note="Signed form",
        outcome="upheld",
        outcome_at=utc(2026, 1, 20),
        closure_band="within_20",
    )
    closed(case, utc(2020, 1, 1))

    retention_apply(now=NOW)

    complaint = Complaint.objects.get(case=case)
    assert (complaint.late_reason, complaint.on_behalf_of, complaint.consent_note) == ("", "", "")
    assert (complaint.outcome, complaint.closure_band, complaint.category.code) == (
        "upheld",
        "within_20",
        "waste",
    )
