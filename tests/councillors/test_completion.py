"""However an officer resolves a member's enquiry (the case page's Resolve, the cases API, or
"Report completion"), the member who raised it and those copied in are told of its completion,
by their own method and in their own language, once for each resolution."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from contacts.models import Case, CaseEvent, EventKind
from contacts.services import case_reopen, case_resolve
from councillors.models import EnquiryUpdate, OnBehalfOf
from councillors.services import enquiry_complete, enquiry_submit
from tests.factories import make_case, token_for
from tests.member_messages import member_messages, member_messages_send

from .conftest import MONDAY

TUESDAY = MONDAY + timedelta(days=1)
WELSH_SUBJECT = "{}: mae eich ymholiad wedi'i gwblhau"


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


def told() -> list[tuple[str, ...]]:
    return [
        tuple(row)
        for row in member_messages()
        .order_by("key")
        .values_list("key", "person__username", "method", "language")
    ]


def test_resolving_from_the_case_page_tells_the_member_once_in_welsh(
    client, enquiry, advisor, cllr_jones, mailoutbox
):
    client.force_login(advisor)
    response = client.post(
        f"/en/cases/{enquiry.reference}/resolve/", {"outcome": "Crew cleared the bags."}
    )
    assert response.status_code == 302
    assert told() == [
        (f"enquiry-completion:{enquiry.pk}:0:user:{cllr_jones.pk}", "cllr-jones", "email", "cy")
    ]
    message = member_messages().get()
    assert message.subject == WELSH_SUBJECT.format(enquiry.reference)
    assert "Crew cleared the bags." in message.body
    update = EnquiryUpdate.objects.get()
    assert (update.kind, update.what, update.author) == (
        "completion",
        "Crew cleared the bags.",
        advisor,
    )
    assert CaseEvent.objects.filter(case=enquiry, kind=EventKind.MEMBER_TOLD).count() == 1

    # "Report completion" afterwards finds the enquiry resolved, and tells nobody again.
    response = client.post(f"/en/enquiries/{enquiry.reference}/complete/", {"what": "Again."})
    assert response.status_code == 200 and b"govuk-error-summary" in response.content
    assert member_messages().count() == 1 and EnquiryUpdate.objects.count() == 1

    assert member_messages_send() == 1
    assert member_messages_send() == 0
    assert [mail.to for mail in mailoutbox] == [[cllr_jones.email]]


def test_resolving_through_the_cases_api_tells_the_clerk_and_the_copied_councillors(
    service, team, clerk, council, cllr_jones, cllr_evans, advisor
):
    case = enquiry_submit(
        member=clerk,
        service=service,
        summary="Bus shelter broken",
        description="Glass everywhere.",
        on_behalf_of=OnBehalfOf.COMMUNITY,
        community_council=council,
        now=MONDAY,
    )
    member_messages().delete()  # the copies' first notice
    response = api(advisor).post(
        f"/api/v1/cases/{case.reference}/resolve/", {"note": "Glazier replaced the panel."}
    )
    assert response.status_code == 200, response.json()
    key = f"enquiry-completion:{case.pk}:0:user:"
    assert told() == sorted(
        [
            (f"{key}{clerk.pk}", "clerk-llanfair", "email", "en"),
            (f"{key}{cllr_jones.pk}", "cllr-jones", "email", "cy"),
            (f"{key}{cllr_evans.pk}", "cllr-evans", "sms", "en"),
        ]
    )
    english = member_messages().get(person=clerk)
    assert english.subject == f"{case.reference}: your enquiry has been completed"
    assert "Glazier replaced the panel." in english.body
    assert member_messages().get(person=cllr_jones).subject == WELSH_SUBJECT.format(case.reference)

    # Resolving again is refused (it is resolved), and owes nothing more.
    again = api(advisor).post(f"/api/v1/cases/{case.reference}/resolve/", {"note": "Again"})
    assert again.status_code == 400
    assert member_messages().count() == 3 and EnquiryUpdate.objects.count() == 1


def test_report_completion_tells_once_and_a_later_resolve_changes_nothing(
    enquiry, advisor, cllr_jones
):
    update = enquiry_complete(case=enquiry, actor=advisor, what="Bags cleared.", now=TUESDAY)
    assert (update.kind, update.what) == ("completion", "Bags cleared.")
    assert [key for key, *_rest in told()] == [
        f"enquiry-completion:{enquiry.pk}:0:user:{cllr_jones.pk}"
    ]
    response = api(advisor).post(f"/api/v1/cases/{enquiry.reference}/resolve/", {"note": "x"})
    assert response.status_code == 400
    assert member_messages().count() == 1 and EnquiryUpdate.objects.count() == 1


def test_the_message_written_for_the_customer_is_what_the_member_reads(
    enquiry, advisor, cllr_jones
):
    enquiry.customer.email = "megan@example.com"  # so the customer can be written to too
    enquiry.customer.save()
    case_resolve(
        case=enquiry,
        actor=advisor,
        note="Internal: crew 3, second visit.",
        message="We have cleared the bags from Lôn Goch.",
        now=TUESDAY,
    )
    assert EnquiryUpdate.objects.get().what == "We have cleared the bags from Lôn Goch."
    body = member_messages().get(person=cllr_jones).body
    assert "We have cleared the bags from Lôn Goch." in body and "crew 3" not in body


def test_a_reopened_enquiry_resolved_again_is_told_again(enquiry, advisor, cllr_jones):
    case_resolve(case=enquiry, actor=advisor, note="Cleared.", now=TUESDAY)
    case_reopen(case=enquiry, actor=advisor, reason="More bags dumped.", now=TUESDAY)
    case_resolve(case=enquiry, actor=None, note="Cleared again.", now=TUESDAY)
    assert [key for key, *_rest in told()] == [
        f"enquiry-completion:{enquiry.pk}:0:user:{cllr_jones.pk}",
        f"enquiry-completion:{enquiry.pk}:1:user:{cllr_jones.pk}",
    ]
    # Resolved by nobody in particular: the service is who was responsible.
    assert EnquiryUpdate.objects.last().responsible == "Waste and recycling"


@pytest.mark.parametrize("kind", ["enquiry", "complaint"])
def test_cases_no_member_follows_tell_no_member(service, advisor, cllr_jones, kind):
    ordinary = make_case(service=service)
    complaint = make_case(service=service, kind="complaint", submitted_by=cllr_jones)
    case = ordinary if kind == "enquiry" else complaint
    case_resolve(case=case, actor=advisor, note="Done.", now=TUESDAY)
    assert Case.objects.get(pk=case.pk).status == "resolved"
    assert not member_messages().exists() and not EnquiryUpdate.objects.exists()
