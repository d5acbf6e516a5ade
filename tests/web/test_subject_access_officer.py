"""The data protection officer's list of subject access requests: every request with its
deadline, open ones by the nearest deadline, and nothing of what the requests hold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from contacts.models import CaseStatus, Milestone
from tests.factories import CustomerFactory, ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpo(db):
    return UserFactory(role=Role.DATA_PROTECTION_OFFICER, team=None, username="dpo")


def test_the_officer_sees_every_request_and_its_deadline_and_no_content(
    signed_in, dpo, service, advisor
):
    now = timezone.now()
    housing = ServiceFactory(code="housing", name_en="Housing", name_cy="Tai")
    later = make_case(
        service=service,
        kind="subject_access",
        customer=CustomerFactory(name="Gwen Morgan"),
        summary="Everything about my bins",
        received_at=now - timedelta(days=2),
        owner=advisor,
    )
    sooner = make_case(
        service=housing,
        kind="subject_access",
        customer=CustomerFactory(name="Dai Jones"),
        summary="My tenancy file",
        received_at=now - timedelta(days=20),
    )
    Milestone.objects.filter(case=sooner).update(state="breached")
    closed = make_case(service=service, kind="subject_access", received_at=now - timedelta(days=40))
    type(closed).objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)
    make_case(service=service, summary="Not a request", received_at=now)

    response = signed_in(dpo).get("/en/data-protection/subject-access/")

    assert response.status_code == 200
    assert [case.reference for case in response.context["open_requests"]] == [
        sooner.reference,
        later.reference,
    ]
    assert [case.reference for case in response.context["closed"]] == [closed.reference]
    assert response.context["open_requests"][0].deadline_state == "breached"
    page = response.content.decode()
    assert "Housing" in page and "Overdue" in page
    for content in ("Gwen Morgan", "Dai Jones", "Everything about my bins", "My tenancy file"):
        assert content not in page
    assert "Not a request" not in page


def test_case_staff_may_not_open_the_list(signed_in, advisor):
    assert signed_in(advisor).get("/en/data-protection/subject-access/").status_code == 403
