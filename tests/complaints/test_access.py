"""Who sees a complaint case: complaints officers and managers of its service and
administrators, never the staff it is about; other cases are untouched."""

import pytest

from accounts.models import Role
from complaints.access import hide_confidential
from contacts.models import Case
from tests.factories import TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(service, complaints_officer, waste_category):

    complaint = make_case(service=service, kind="complaint")
    about_someone = make_case(service=service, kind="complaint")
    enquiry = make_case(service=service)
    return complaint, about_someone, enquiry


def visible(user, cases) -> set[int]:
    ids = [case.pk for case in cases]
    return set(
        hide_confidential(Case.objects.filter(pk__in=ids), user).values_list("pk", flat=True)
    )


def test_each_role(team, advisor, complaints_officer, administrator, cases, waste_category):
    from datetime import date

    from complaints.services import complaint_record

    complaint, about, enquiry = cases
    complaint_record(
        case=about,
        category=waste_category,
        events_on=date(2026, 3, 1),
        actor=complaints_officer,
        officers=[team.manager],
    )
    other_service_officer = UserFactory(role=Role.COMPLAINTS_OFFICER, team=TeamFactory())

    assert visible(complaints_officer, cases) == {complaint.pk, about.pk, enquiry.pk}
    assert visible(team.manager, cases) == {complaint.pk, enquiry.pk}  # not the one about them
    assert visible(advisor, cases) == {enquiry.pk}
    assert visible(other_service_officer, cases) == {enquiry.pk}
    assert visible(administrator, cases) == {complaint.pk, about.pk, enquiry.pk}
