"""A complaint is handed only to someone who may open it: a complaints officer or manager of
its service who is not named in it. Advisors are not offered, and the service refuses them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from complaints.services import complaint_record
from contacts.selectors import transfer_colleagues
from contacts.services import case_transfer
from tests.factories import UserFactory

from .conftest import RECEIVED

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleagues(team):
    return {
        "advisor": UserFactory(role=Role.ADVISOR, team=team, username="adv"),
        "officer": UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="officer2"),
        "named": UserFactory(role=Role.COMPLAINTS_OFFICER, team=team, username="named"),
    }


def test_only_those_who_may_open_a_complaint_are_offered(
    complaint_case, complaints_officer, colleagues, waste_category
):
    complaint_record(
        case=complaint_case,
        category=waste_category,
        events_on=date(2026, 2, 27),
        actor=complaints_officer,
        officers=[colleagues["named"]],
        now=RECEIVED + timedelta(hours=1),
    )

    offered = set(transfer_colleagues(case=complaint_case).values_list("username", flat=True))

    # The service's manager (the team fixture's) and its complaints officers, not the one named.
    assert offered == {"complaints", "officer2", "manager"}


def test_handing_a_complaint_to_an_advisor_is_refused(
    complaint_case, complaints_officer, colleagues
):
    with pytest.raises(ValidationError) as refused:
        case_transfer(
            case=complaint_case,
            actor=complaints_officer,
            to_user=colleagues["advisor"],
            note="Can you look at this?",
        )

    assert refused.value.message_dict["to"] == [
        "A complaint can go only to a complaints officer or manager of the service who is not "
        "named in it."
    ]
    complaint_case.refresh_from_db()
    assert complaint_case.owner_id is None


def test_a_complaints_officer_can_receive_it(complaint_case, complaints_officer, colleagues):
    case_transfer(
        case=complaint_case,
        actor=complaints_officer,
        to_user=colleagues["officer"],
        note="Yours, please: you know the crew.",
    )

    complaint_case.refresh_from_db()
    assert complaint_case.owner == colleagues["officer"]
