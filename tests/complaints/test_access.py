"""Which complaints a member of staff may read (``complaints_readable``, the condition the one
visibility policy applies to complaints): complaints officers and managers of the complaint's
service, never the staff it is about. The whole policy is tested in
tests/contacts/test_visibility.py."""

from datetime import date

import pytest

from accounts.models import Role
from complaints.access import complaints_readable
from complaints.services import complaint_record
from contacts.models import Case
from tests.factories import TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaints(service, team, complaints_officer, waste_category):
    complaint = make_case(service=service, kind="complaint")
    about_manager = make_case(service=service, kind="complaint")
    complaint_record(
        case=about_manager,
        category=waste_category,
        events_on=date(2026, 3, 1),
        actor=complaints_officer,
        officers=[team.manager],
    )
    return complaint, about_manager


def readable(user, complaints) -> set[int]:
    cases = Case.objects.filter(pk__in=[case.pk for case in complaints])
    return set(cases.filter(complaints_readable(user)).values_list("pk", flat=True))


def test_each_role(team, advisor, complaints_officer, complaints):
    complaint, about_manager = complaints
    other_service_officer = UserFactory(role=Role.COMPLAINTS_OFFICER, team=TeamFactory())
    other_service_manager = UserFactory(role=Role.MANAGER, team=TeamFactory())
    without_a_team = UserFactory(role=Role.COMPLAINTS_OFFICER, team=None)

    assert readable(complaints_officer, complaints) == {complaint.pk, about_manager.pk}
    assert readable(team.manager, complaints) == {complaint.pk}  # not the one about them
    assert readable(advisor, complaints) == set()
    assert readable(other_service_officer, complaints) == set()
    assert readable(other_service_manager, complaints) == set()
    assert readable(without_a_team, complaints) == set()
