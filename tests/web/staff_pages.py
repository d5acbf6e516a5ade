"""Every page of the service, as the demo data (``seed_demo``) fills it: who reads it and where.

The page-width and Welsh-wording checks (test_widths_browser.py) visit each one. The demo data
is used rather than a hand-made world because it is what a council sees first: every channel,
a complaint, a councillor's enquiry and ward events, consultations, monitoring samples.
"""

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, QuerySet

from accounts.models import User
from complaints.models import Complaint, Feedback
from consultations.models import Consultation
from contacts.models import Case
from councillors.models import CouncilMeeting, Ward, WardEvent
from performance.models import MonitoringCheck, MonitoringSample

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Page:
    name: str
    #: The demo username signed in, or None for a resident's page.
    user: str | None
    #: The address without the language prefix.
    address: str
    #: Words typed into the page's search box (``#id_q``) once it is open: the results'
    #: address holds a key to the words, not the words (ADR 0028), so it cannot be listed.
    search: str = ""


def first(queryset: "QuerySet[M]") -> M:
    """The queryset's first row, which the demo data always has."""
    row = queryset.first()
    assert row is not None, f"the demo data has no {queryset.model.__name__}"
    return row


def demo_pages() -> list[Page]:
    """The pages, with the references of the demo's own records (call after ``seed_demo``)."""
    # The advisor's earliest enquiry from a known customer: a case page with most of its parts.
    advisor = User.objects.get(username="advisor")
    case = first(
        Case.objects.filter(owner=advisor, kind="enquiry", customer__isnull=False)
        .select_related("customer")
        .order_by("received_at")
    )
    customer = case.customer
    assert customer is not None
    reference = case.reference
    complaint = Complaint.objects.select_related("case").get()
    feedback = Feedback.objects.select_related("case").get()
    enquiry = first(
        Case.objects.filter(
            kind="councillor_enquiry", submitted_by__username="councillor"
        ).order_by("pk")
    )
    event = first(WardEvent.objects.order_by("pk"))
    meeting = CouncilMeeting.objects.get()
    ward = first(Ward.objects.order_by("code"))
    consultation = first(Consultation.objects.order_by("pk"))
    sample = first(MonitoringSample.objects.filter(checks__isnull=False).order_by("-month"))
    check = first(MonitoringCheck.objects.filter(sample=sample).order_by("pk"))
    staff = [
        ("my-work", "advisor", "my-work/"),
        ("team-queue", "advisor", "team-queue/"),
        ("case", "advisor", f"cases/{reference}/"),
        ("case-note", "advisor", f"cases/{reference}/note/"),
        ("case-customer", "advisor", f"cases/{reference}/customer/"),
        ("attachment-add", "advisor", f"cases/{reference}/attachments/"),
        ("customer", "advisor", f"customers/{customer.pk}/"),
        ("customer-edit", "advisor", f"customers/{customer.pk}/edit/"),
        ("customer-duplicates", "manager", "customers/duplicates/"),
        ("search", "advisor", "search/"),
        ("search-results", "advisor", "search/", customer.name.split()[-1]),
        ("reception", "advisor", "reception/"),
        ("log-contact", "advisor", "log-contact/"),
        ("log-contact-phone", "advisor", "log-contact/phone/"),
        ("log-contact-visit", "advisor", "log-contact/visit/"),
        ("log-contact-letter", "advisor", "log-contact/letter/"),
        ("absences", "advisor", "absences/"),
        ("my-results", "advisor", "my-results/"),
        ("letters", "advisor", "letters/"),
        ("dashboard", "manager", "sla-dashboard/"),
        ("dashboard-cases", "manager", "sla-dashboard/cases/?bucket=breached"),
        ("evaluation", "manager", "standards-evaluation/"),
        ("monitoring", "manager", "monitoring/"),
        ("monitoring-sample", "admin", f"monitoring/{sample.pk}/"),
        ("monitoring-check", "admin", f"monitoring/checks/{check.pk}/"),
        ("officer-results", "manager", f"officers/{advisor.pk}/results/"),
        ("complaints", "complaints", "complaints/"),
        ("complaint", "complaints", f"complaints/{complaint.case.reference}/"),
        ("complaint-close", "complaints", f"complaints/{complaint.case.reference}/close/"),
        ("complaints-report", "complaints", "complaints/report/"),
        ("compliments", "complaints", "complaints/compliments/"),
        ("compliment-new", "complaints", "complaints/compliments/new/"),
        ("feedback", "complaints", "complaints/feedback/"),
        ("feedback-decide", "complaints", f"complaints/feedback/{feedback.case.reference}/decide/"),
        ("my-enquiries", "councillor", "my-enquiries/"),
        ("enquiry-new", "councillor", "enquiries/new/"),
        ("enquiry", "councillor", f"enquiries/{enquiry.reference}/"),
        ("my-preferences", "councillor", "my-preferences/"),
        ("my-calendar", "councillor", "my-calendar/"),
        ("ward", "councillor", f"wards/{ward.code}/"),
        ("members-calendar", "admin", "members-calendar/"),
        ("members-event", "admin", f"members-calendar/{event.pk}/"),
        ("members-event-new", "admin", "members-calendar/new/"),
        ("council-meetings", "clerk", "council-meetings/"),
        ("council-meeting", "clerk", f"council-meetings/{meeting.pk}/"),
        ("web-publishing", "web-editor", "web-publishing/"),
        ("web-publishing-change", "web-editor", "web-publishing/change/"),
        ("web-publishing-emergencies", "manager", "web-publishing/emergencies/"),
        ("manage-consultations", "admin", "manage-consultations/"),
        ("manage-consultation", "admin", f"manage-consultations/{consultation.pk}/"),
        ("consultation-analysis", "admin", f"manage-consultations/{consultation.pk}/analysis/"),
        ("audit-cases", "dpo", "audit/cases/"),
        ("audit-people", "dpo", "audit/people/"),
        ("data-protection", "dpo", "data-protection/"),
        ("subject-access", "dpo", "data-protection/subject-access/"),
    ]
    public = [
        ("sign-in", None, "sign-in/"),
        ("contact-us", None, "contact-us/"),
        ("track", None, "track/"),
        ("standards", None, "customer-care-standards/"),
        ("standards-performance", None, "customer-care-standards/performance/"),
        ("consultations", None, "consultations/"),
        ("consultation", None, f"consultations/{consultation.pk}/"),
        ("you-said-we-did", None, "you-said-we-did/"),
        ("privacy", None, "privacy/"),
    ]
    return [Page(*row) for row in staff + public]
