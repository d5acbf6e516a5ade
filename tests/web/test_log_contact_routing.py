"""Logging a contact for another service (SPEC §9): front-line staff choose the destination
(a request type of the routing table, or a service) and then a queue or an officer of it; the
routing table suggests the destination from the words typed, without JavaScript; the case
lands in the receiving team's queue with the deadlines it would have had anyway."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Role
from contacts.models import Case
from tests.factories import RequestTypeFactory, ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/en/log-contact/text/"


@dataclass(frozen=True)
class Council:
    # Any: the factories' objects, which mypy knows only as factories.
    front_line: Any
    tax: Any
    tax_team: Any
    tax_recovery: Any
    tax_officer: Any
    bill: Any
    missed_bin: Any
    closed: Any


@pytest.fixture
def council(service, team, advisor) -> Council:
    desk = ServiceFactory(code="customer-services", name_en="Customer services")
    contact_centre = TeamFactory(service=desk, code="contact-centre", front_line=True)
    tax = ServiceFactory(code="tax", name_en="Council tax", name_cy="Treth y cyngor")
    tax_team = TeamFactory(service=tax, code="tax-team", name_en="Billing", name_cy="Biliau")
    tax_recovery = TeamFactory(service=tax, code="tax-recovery", name_en="Recovery")
    closed = ServiceFactory(code="closed", name_en="Closed service", active=False)
    TeamFactory(service=closed, code="closed-team")
    return Council(
        front_line=UserFactory(team=contact_centre, username="front", first_name="Ffion"),
        tax=tax,
        tax_team=tax_team,
        tax_recovery=tax_recovery,
        tax_officer=UserFactory(team=tax_team, username="tax-officer", first_name="Tomos"),
        bill=RequestTypeFactory(
            service=tax,
            team=tax_team,
            name_en="Council tax bill",
            name_cy="Bil treth y cyngor",
            words_en="council tax bill wrong",
            words_cy="treth gyngor",
        ),
        missed_bin=RequestTypeFactory(
            service=service, team=team, name_en="Missed bin", name_cy="Bin heb ei gasglu"
        ),
        closed=closed,
    )


def contact(**extra):
    return {
        "from_number": "07700900124",
        "kind": "enquiry",
        "summary": "My council tax bill is wrong",
        "description": "Charged for two adults; lives alone.",
        "language": "en",
        **extra,
    }


def test_a_front_line_advisor_is_offered_every_active_service(client, council):
    client.force_login(council.front_line)
    page = client.get(URL).content.decode()

    assert f'<option value="type:{council.bill.pk}">Council tax bill</option>' in page
    assert f'value="service:{council.tax.pk}">Council tax: something else</option>' in page
    assert "Waste and recycling: something else" in page
    assert "Closed service" not in page


def test_a_back_office_advisor_is_offered_only_their_own_service(client, council, advisor):
    client.force_login(advisor)
    page = client.get(URL).content.decode()

    assert "Missed bin" in page and "Waste and recycling: something else" in page
    assert "Council tax" not in page


def test_logging_by_request_type_lands_in_that_services_team_queue_with_the_usual_deadlines(
    client, council
):
    client.force_login(council.front_line)
    before = timezone.now()
    response = client.post(
        URL,
        contact(destination=f"type:{council.bill.pk}", assign_to=f"team:{council.tax_team.pk}"),
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.service, case.request_type, case.team, case.owner) == (
        council.tax,
        council.bill,
        council.tax_team,
        None,
    )
    # The text standard's 24 hours count from the receipt, as for any text logged.
    acknowledge = case.milestones.get(kind="confirm")
    assert acknowledge.starts_at == case.received_at >= before.replace(microsecond=0)
    assert acknowledge.due_at - case.received_at == timezone.timedelta(hours=24)
    # The advisor is told where it went; the tax team sees it in its queue at once.
    told = client.get(response["Location"]).content.decode()
    assert f"Contact logged: {case.reference}" in told
    assert "It has gone to Council tax." in told
    client.force_login(council.tax_officer)
    assert case.reference in client.get("/en/team-queue/").content.decode()


def test_logging_for_a_service_to_a_named_officer(client, council):
    client.force_login(council.front_line)
    client.post(
        URL,
        contact(
            destination=f"service:{council.tax.pk}", assign_to=f"user:{council.tax_officer.pk}"
        ),
    )

    case = Case.objects.get()
    assert (case.service, case.request_type, case.owner, case.team) == (
        council.tax,
        None,
        council.tax_officer,
        council.tax_team,
    )


def test_a_front_line_advisor_may_still_keep_a_contact_of_their_own_service(client, council):
    client.force_login(council.front_line)
    client.post(URL, contact(assign_to="me"))

    case = Case.objects.get()
    assert (case.service.code, case.owner) == ("customer-services", council.front_line)


@pytest.mark.parametrize(
    ("who", "destination", "assign_to", "field", "error"),
    [
        # Another service's request, or an inactive service: not among the choices.
        ("advisor", "bill", "team:tax_team", "destination", "Select what the contact is about"),
        ("front_line", "closed", "", "destination", "Select what the contact is about"),
        ("front_line", "type:999999", "me", "destination", "Select what the contact is about"),
        ("front_line", "nonsense", "me", "destination", "Select what the contact is about"),
        # "Me" is not an officer of the tax service; a queue of another service is not offered.
        ("front_line", "bill", "me", "assign_to", "Select who will deal with it from the list"),
        ("front_line", "bill", "team:0", "assign_to", "Select who will deal with it from the list"),
        ("front_line", "bill", "", "assign_to", "Select who will deal with it"),
    ],
)
def test_a_bad_destination_is_refused_and_nothing_is_logged(
    client, council, advisor, who, destination, assign_to, field, error
):
    user = advisor if who == "advisor" else council.front_line
    values = {
        "bill": f"type:{council.bill.pk}",
        "closed": f"service:{council.closed.pk}",
        "team:tax_team": f"team:{council.tax_team.pk}",
    }
    client.force_login(user)
    response = client.post(
        URL,
        contact(
            destination=values.get(destination, destination),
            assign_to=values.get(assign_to, assign_to),
        ),
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert error in text and f'href="#id_{field}"' in text
    assert not Case.objects.exists()


def test_suggest_shows_where_the_words_point_and_logs_nothing(client, council):
    client.force_login(council.front_line)
    response = client.post(URL, {**contact(), "suggest": "1"})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Suggested from the words typed" in text
    assert f'name="use_type" value="type:{council.bill.pk}"' in text
    assert "Council tax bill</span> – Council tax (Billing)" in text
    # Nothing is checked yet: no error summary, and what was typed is kept.
    assert "There is a problem" not in text
    assert "Charged for two adults; lives alone." in text
    assert not Case.objects.exists()


def test_suggestions_in_welsh_use_the_welsh_names(client, council):
    client.force_login(council.front_line)
    response = client.post(
        "/cy/log-contact/text/",
        {**contact(summary="Mae fy nhreth gyngor yn anghywir", description=""), "suggest": "1"},
    )

    text = response.content.decode()
    assert "Bil treth y cyngor</span> – Treth y cyngor (Biliau)" in text
    assert "Defnyddio hwn" in text


def test_no_suggestion_says_so(client, council):
    client.force_login(council.front_line)
    response = client.post(URL, {**contact(summary="Hello", description=""), "suggest": "1"})

    assert "Nothing in the routing table matches these words" in response.content.decode()


def test_using_a_suggestion_chooses_it_and_its_teams_queue(client, council):
    client.force_login(council.front_line)
    response = client.post(URL, {**contact(assign_to="me"), "use_type": f"type:{council.bill.pk}"})

    text = response.content.decode()
    assert f'<option value="type:{council.bill.pk}" selected>' in text
    assert f'<option value="team:{council.tax_team.pk}" selected>' in text
    assert "About: Council tax bill. It will wait in the Billing queue, for Council tax." in text
    assert not Case.objects.exists()


def test_choosing_another_destination_shows_its_queues_and_officers(client, council):
    client.force_login(council.front_line)
    response = client.post(
        URL,
        {
            **contact(destination=f"service:{council.tax.pk}", assign_to="me"),
            "choose_destination": "1",
        },
    )

    text = response.content.decode()
    assert "Unassigned, in the Billing queue" in text
    assert "Unassigned, in the Recovery queue" in text
    assert "Tomos" in text
    assert '<option value="me"' not in text
    # "Me" is no choice in the tax service: the first queue is chosen instead.
    assert f'<option value="team:{council.tax_team.pk}" selected>' in text
    assert not Case.objects.exists()


def test_the_form_with_suggestions_costs_a_few_queries(
    client, council, django_assert_max_num_queries
):
    for n in range(20):
        RequestTypeFactory(service=council.tax, words_en=f"tax thing {n}")
    client.force_login(council.front_line)
    with django_assert_max_num_queries(14):
        response = client.post(URL, {**contact(), "suggest": "1"})
    assert response.status_code == 200


def test_only_staff_may_log_for_another_service(client, council, world):
    client.force_login(world.councillor)
    assert client.get(URL).status_code == 403
    # A manager of the contact centre is front line too.
    manager = UserFactory(role=Role.MANAGER, team=council.front_line.team, username="cc-manager")
    client.force_login(manager)
    client.post(
        URL, contact(destination=f"type:{council.bill.pk}", assign_to=f"team:{council.tax_team.pk}")
    )
    assert Case.objects.get(summary="My council tax bill is wrong").service == council.tax
