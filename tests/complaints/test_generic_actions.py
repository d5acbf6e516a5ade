"""A complaint is extended and closed through its complaint record (the model policy's
rules), never with the case's generic resolve and extend, on the case page or the API."""

import pytest
from rest_framework.test import APIClient

from contacts.models import Case, Milestone
from tests.factories import token_for

pytestmark = pytest.mark.django_db


def api(user, language="en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


def test_the_case_page_offers_no_generic_resolve_or_extend(
    client, complaints_officer, complaint_case
):
    client.force_login(complaints_officer)

    page = client.get(f"/en/cases/{complaint_case.reference}/").content.decode()
    resolve = client.post(
        f"/en/cases/{complaint_case.reference}/resolve/", {"message": "Sorted", "note": ""}
    )

    assert f"/en/cases/{complaint_case.reference}/resolve/" not in page
    assert f"/en/cases/{complaint_case.reference}/extend/" not in page
    assert resolve.headers["Location"] == f"/en/cases/{complaint_case.reference}/"
    assert Case.objects.get(pk=complaint_case.pk).status == "new"


def test_the_api_refuses_them_with_a_reason_in_the_callers_language(
    complaints_officer, complaint_case
):
    due = Milestone.objects.filter(case=complaint_case).values_list("due_at", flat=True).first()

    resolved = api(complaints_officer).post(
        f"/api/v1/cases/{complaint_case.reference}/resolve/", {}
    )
    extended = api(complaints_officer, "cy").post(
        f"/api/v1/cases/{complaint_case.reference}/milestones/contact/extend/",
        {"due_at": "2026-04-30T16:00:00Z", "reason": "Waiting for a report"},
        format="json",
    )

    assert resolved.status_code == 400
    assert resolved.json()["non_field_errors"] == [
        "Extend or close a complaint from its complaint record, which records the outcome "
        "and sends the final response."
    ]
    assert extended.status_code == 400
    assert "o gofnod y gŵyn" in extended.json()["non_field_errors"][0]
    assert Case.objects.get(pk=complaint_case.pk).status == "new"
    assert (
        Milestone.objects.filter(case=complaint_case).values_list("due_at", flat=True).first()
        == due
    )
