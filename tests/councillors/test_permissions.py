"""Councillors and clerks see their own enquiries (and those they were copied into, their
council's, or, if configured, their wards'), never another's, never staff notes, never
complaints: through the pages and through both APIs."""

import pytest
from rest_framework.test import APIClient

from accounts.models import Role
from contacts.models import Case
from contacts.services import case_add_note
from councillors.models import OnBehalfOf
from councillors.services import enquiry_submit, enquiry_update_post
from tests.factories import UserFactory, make_case, token_for

from .conftest import MONDAY

STAFF_NOTE = "Staff only: the resident has complained before"
#: What another member following the enquiry never reads: its text, the resident, the
#: officers' words and names.
OUTLINE_WITHHOLDS = (
    "Fly-tipping on Lôn Goch",
    "Bags dumped by the gate",
    "Megan Hughes",
    "01824 700000",
    "Crew booked for Thursday.",
    STAFF_NOTE,
)


@pytest.fixture
def noted(enquiry, advisor):
    case_add_note(case=enquiry, actor=advisor, text=STAFF_NOTE)
    enquiry_update_post(case=enquiry, actor=advisor, what="Crew booked for Thursday.")
    return enquiry


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


def test_the_member_reads_updates_but_never_the_staff_notes(client, noted, cllr_jones):
    client.force_login(cllr_jones)
    page = client.get(f"/en/enquiries/{noted.reference}/").content.decode()
    assert "Crew booked for Thursday." in page
    assert "Megan Hughes" in page
    assert STAFF_NOTE not in page
    body = api(cllr_jones).get(f"/api/v1/member-enquiries/{noted.reference}/").json()
    assert [u["what"] for u in body["updates"]] == ["Crew booked for Thursday."]
    assert STAFF_NOTE not in str(body)


def test_the_staff_case_page_sends_the_member_to_their_enquiry_page(client, noted, cllr_jones):
    client.force_login(cllr_jones)
    response = client.get(f"/en/cases/{noted.reference}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/enquiries/{noted.reference}/"


@pytest.mark.parametrize(
    "path",
    ["/en/enquiries/{ref}/", "/en/cases/{ref}/", "/cy/enquiries/{ref}/"],
)
def test_another_councillors_enquiry_is_not_found(client, noted, cllr_other, path):
    client.force_login(cllr_other)
    assert client.get(path.format(ref=noted.reference)).status_code == 404


def test_another_councillors_enquiry_is_not_found_in_either_api(noted, cllr_other):
    client = api(cllr_other)
    assert client.get(f"/api/v1/member-enquiries/{noted.reference}/").status_code == 404
    assert client.get(f"/api/v1/cases/{noted.reference}/").status_code == 404
    assert client.get("/api/v1/member-enquiries/").json()["results"] == []
    assert client.get("/api/v1/cases/").json()["results"] == []


def test_ward_councillors_see_ward_enquiries_only_when_configured(client, noted, cllr_evans):
    client.force_login(cllr_evans)
    url = f"/en/enquiries/{noted.reference}/"
    assert client.get(url).status_code == 404
    cllr_evans.member_profile.sees_ward_enquiries = True
    cllr_evans.member_profile.save()
    page = client.get(url).content.decode()
    # Where it stands, never what it says nor who the resident is (docs/adr/0018).
    assert noted.reference in page and "Progress update" in page
    for withheld in OUTLINE_WITHHOLDS:
        assert withheld not in page, withheld
    body = api(cllr_evans).get(f"/api/v1/member-enquiries/{noted.reference}/").json()
    assert (body["in_full"], body["status"]) == (False, "new")
    assert [u["kind"] for u in body["updates"]] == ["update"]
    for withheld in OUTLINE_WITHHOLDS:
        assert withheld not in str(body), withheld
    case = api(cllr_evans).get(f"/api/v1/cases/{noted.reference}/").json()
    assert (case["in_full"], case["summary"], case["customer"]) == (False, None, None)
    for withheld in OUTLINE_WITHHOLDS:
        assert withheld not in str(case), withheld
    listed = client.get("/en/my-enquiries/").content.decode()
    assert noted.reference in listed and "Megan Hughes" not in listed


def test_complaints_are_never_shown_to_members(client, service, cllr_jones):
    complaint = make_case(service=service, kind="complaint", submitted_by=cllr_jones)
    client.force_login(cllr_jones)
    assert client.get(f"/en/enquiries/{complaint.reference}/").status_code == 404
    assert client.get(f"/en/cases/{complaint.reference}/").status_code == 404
    assert complaint.reference not in client.get("/en/my-enquiries/").content.decode()
    assert api(cllr_jones).get(f"/api/v1/cases/{complaint.reference}/").status_code == 404


def test_a_clerk_and_the_copied_councillors_follow_the_councils_enquiry(
    client, service, clerk, council, cllr_jones, cllr_other
):
    case = enquiry_submit(
        member=clerk,
        service=service,
        summary="Bus shelter broken",
        description="Glass.",
        on_behalf_of=OnBehalfOf.COMMUNITY,
        community_council=council,
        now=MONDAY,
    )
    second_clerk = UserFactory(role=Role.CLERK, team=None, username="clerk-two")
    council.clerks.add(second_clerk)
    for user, status in ((clerk, 200), (second_clerk, 200), (cllr_jones, 200), (cllr_other, 404)):
        client.force_login(user)
        assert client.get(f"/en/enquiries/{case.reference}/").status_code == status, user
    client.force_login(cllr_jones)
    assert case.reference in client.get("/en/my-enquiries/").content.decode()


@pytest.mark.parametrize("action", ["update", "delay", "complete"])
def test_members_cannot_post_officer_updates(client, noted, cllr_jones, action):
    client.force_login(cllr_jones)
    url = f"/en/enquiries/{noted.reference}/{action}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"what": "Done", "reason": "x"}).status_code == 403
    assert Case.objects.get(pk=noted.pk).status != "resolved"


@pytest.mark.parametrize("action", ["update", "delay", "complete"])
def test_staff_of_another_service_may_read_the_enquiry_but_not_write_to_the_member(
    client, noted, action
):
    other = UserFactory(role=Role.ADVISOR, username="elsewhere")
    client.force_login(other)
    url = f"/en/enquiries/{noted.reference}/{action}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"what": "Done", "reason": "x"}).status_code == 403
    assert noted.member_updates.count() == 1


@pytest.mark.parametrize("path", ["/en/members-calendar/", "/en/members-calendar/new/"])
def test_members_do_not_keep_the_calendar(client, cllr_jones, path):
    client.force_login(cllr_jones)
    assert client.get(path).status_code == 403


def test_staff_have_no_member_enquiries_api(advisor):
    assert api(advisor).get("/api/v1/member-enquiries/").status_code == 403


def test_visitors_are_asked_to_sign_in(client, noted):
    assert client.get(f"/en/enquiries/{noted.reference}/").status_code == 302
    assert APIClient().get("/api/v1/member-enquiries/").status_code == 401


def test_a_clerk_sees_only_the_wards_of_their_council(client, clerk, llanfair, rhuthun):
    client.force_login(clerk)
    assert client.get("/en/wards/llanfair/").status_code == 200
    assert client.get("/en/wards/rhuthun/").status_code == 404
    assert client.get("/en/wards/nowhere/").status_code == 404
