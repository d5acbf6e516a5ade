"""The transfer page across services (SPEC §9): any service's queues and officers, grouped by
service; a case that came from another service offers to go back there, with the reason it
came to the wrong service; bad input is refused on the page, translated, and changes
nothing."""

import pytest
from django.core import mail

from accounts.models import Role
from contacts.models import CaseEvent
from contacts.services import case_transfer
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(case, action=""):
    return f"/en/cases/{case.reference}/{action + '/' if action else ''}"


@pytest.fixture
def tax(db):
    service = ServiceFactory(code="tax", name_en="Council tax", name_cy="Treth y cyngor")
    billing = TeamFactory(service=service, code="billing", name_en="Billing", name_cy="Biliau")
    return {
        "billing": billing,
        "officer": UserFactory(team=billing, username="tax-officer", first_name="Tomos"),
        "manager": UserFactory(role=Role.MANAGER, team=billing, username="tax-manager"),
    }


def test_a_case_sent_to_the_wrong_service_offers_to_go_back_where_it_came_from(
    signed_in, world, tax, team
):
    case = world.mine_breached
    case_transfer(case=case, actor=world.advisor, note="Her bill?", to_team=tax["billing"])

    page = signed_in(tax["officer"]).get(url(case, "transfer")).content.decode()

    assert "It came to this service from the" in page
    assert f'<option value="team:{team.pk}" selected>' in page
    assert 'name="misrouted"' in page and "This service does not deal with it" in page


def test_sending_it_back_records_the_reason_and_shows_it_on_the_timeline(
    signed_in, world, tax, team
):
    case = world.mine_breached
    case_transfer(case=case, actor=world.advisor, note="Her bill?", to_team=tax["billing"])
    client = signed_in(tax["officer"])

    answer = client.post(
        url(case, "transfer"),
        {"to": f"team:{team.pk}", "misrouted": "not_ours", "note": "Bins, not tax"},
    )

    assert answer.status_code == 302
    event = CaseEvent.objects.filter(case=case, kind="transferred").latest("created_at")
    assert (event.payload["misrouted"], event.payload["reason"]) == (True, "not_ours")
    page = signed_in(world.advisor).get(url(case)).content.decode()
    assert "Sent back: it came to the wrong service" in page
    assert "From Billing (Council tax) to Team" in page
    assert "Why: This service does not deal with it" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"to": "team:{own_team}", "misrouted": "not_ours", "note": "x"},
            "A case that came to the wrong service goes to another service.",
        ),
        (
            {"to": "team:{billing}", "misrouted": "nonsense", "note": "x"},
            "Choose why it came to the wrong service from the list.",
        ),
        ({"to": "team:{asleep}", "note": "x"}, "Choose a colleague or a team from the list."),
        ({"to": "team:{billing}", "note": ""}, "Write a note for the person receiving the case."),
    ],
)
def test_a_bad_transfer_is_refused_on_the_page(signed_in, world, tax, team, data, message):
    asleep = TeamFactory(service=tax["billing"].service, code="asleep", active=False)
    ids = {"own_team": team.pk, "billing": tax["billing"].pk, "asleep": asleep.pk}
    case = world.mine_breached
    before = (case.owner_id, case.team_id, case.service_id)

    answer = signed_in(world.advisor).post(
        url(case, "transfer"), {key: value.format(**ids) for key, value in data.items()}
    )

    assert answer.status_code == 200
    assert message in answer.content.decode().replace("&#x27;", "'")
    case.refresh_from_db()
    assert (case.owner_id, case.team_id, case.service_id) == before
    assert not mail.outbox


def test_the_receiving_team_sees_it_in_its_queue_at_once(signed_in, world, tax):
    case = world.mine_breached
    signed_in(world.advisor).post(
        url(case, "transfer"), {"to": f"team:{tax['billing'].pk}", "note": "Her tax bill"}
    )

    queue = signed_in(tax["officer"]).get("/en/team-queue/").content.decode()
    assert case.reference in queue
    assert "Her tax bill" in queue


def test_the_welsh_page_names_the_reasons_in_welsh(client, world, tax):
    client.force_login(world.advisor)
    page = client.get(f"/cy/cases/{world.mine_breached.reference}/transfer/").content.decode()

    assert "Nid yw&#x27;r gwasanaeth hwn yn delio ag ef" in page
    assert '<optgroup label="Treth y cyngor">' in page
    assert "Heb ei neilltuo, yng nghiw Biliau" in page


def test_the_transfer_page_costs_the_same_queries_however_many_services(
    signed_in, world, django_assert_max_num_queries
):
    client = signed_in(world.advisor)
    with django_assert_max_num_queries(16) as few:
        client.get(url(world.mine_breached, "transfer"))
    for n in range(10):
        service = ServiceFactory(code=f"extra-{n}")
        for t in range(3):
            team = TeamFactory(service=service, code=f"extra-{n}-{t}")
            UserFactory(team=team, username=f"extra-{n}-{t}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(world.mine_breached, "transfer")).status_code == 200


def test_the_list_leaves_out_where_the_case_already_is(signed_in, world, team):
    """Its owner is not offered (the service would refuse: "The case is already theirs"), nor,
    while nobody owns it, the queue it waits in; the rest of the service is."""
    owned = signed_in(world.advisor).get(url(world.colleagues, "transfer")).content.decode()

    assert f'value="user:{world.colleague.pk}"' not in owned
    assert f'value="user:{world.advisor.pk}"' in owned
    assert f'value="team:{team.pk}"' in owned

    queued = signed_in(world.advisor).get(url(world.team_letter, "transfer")).content.decode()

    assert f'value="team:{team.pk}"' not in queued
    assert f'value="user:{world.colleague.pk}"' in queued
