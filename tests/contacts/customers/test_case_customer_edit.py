"""Correcting a customer's details and preferences from one of their cases (issue 15, item 5):
the same rule as the record's own edit page (front-line staff and administrators), the same
service (``customer_update``), the change on the case's timeline (even a resolved case's), and
back to the case. Bad input answers 400 with a translated error and changes nothing."""

import html
from datetime import UTC, datetime

import pytest

from accounts.models import Role
from contacts.models import CaseEvent, Customer, CustomerEvent
from contacts.services import customer_update
from messaging.messages import message_plan
from tests.factories import UserFactory, make_case

from .test_customer_edit_page import errors, form_data, unchanged

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def edit_url(case, language: str = "en") -> str:
    return f"/{language}/cases/{case.reference}/customer/"


def changed_on(case) -> list[tuple]:
    return list(
        CaseEvent.objects.filter(case=case, kind="customer_changed").values_list(
            "actor_id", "payload"
        )
    )


@pytest.fixture
def landline_call(world):
    """An answered call from a customer who gave only a landline number: nothing reaches them."""
    customer = Customer.objects.create(name="Ann Jones", phone="01824 706000")
    return make_case(
        service=world.waste_open.service,
        channel="phone",
        details={"contact_type": "answered", "caller_number": "01824 706000"},
        customer=customer,
        received_at=RECEIVED,
    )


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_front_line_advisor_adds_an_email_address_from_the_case(
    client, world, landline_call, language
):
    client.force_login(world.front_line)
    customer = landline_call.customer
    assert message_plan(landline_call) is None

    page = client.get(edit_url(landline_call, language))
    assert page.status_code == 200
    assert f'href="/{language}/cases/{landline_call.reference}/"' in page.text  # back, cancel
    response = client.post(
        edit_url(landline_call, language),
        form_data(customer, email="ann@example.com", preferred_contact_method="email"),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/cases/{landline_call.reference}/"
    customer.refresh_from_db()
    assert (customer.email, customer.preferred_contact_method) == ("ann@example.com", "email")
    (event,) = CustomerEvent.objects.filter(customer=customer)
    assert (event.actor, event.payload) == (
        world.front_line,
        {
            "fields": ["email", "preferred_contact_method"],
            "values": {"preferred_contact_method": "email"},
        },
    )
    assert changed_on(landline_call) == [
        (world.front_line.pk, {"fields": ["email", "preferred_contact_method"]})
    ]
    landline_call.refresh_from_db()
    plan = message_plan(landline_call)
    assert plan is not None and (plan.method, plan.recipient) == ("email", "ann@example.com")
    banner = {"cy": "Diweddarwyd cofnod y cwsmer.", "en": "Customer record updated."}[language]
    assert banner in html.unescape(client.get(response["Location"]).text)


def test_the_change_is_on_the_timeline_of_the_resolved_case_it_was_made_from(client, world):
    client.force_login(world.front_line)

    client.post(edit_url(world.waste_resolved), form_data(world.gwen, large_print="on"))

    expected = [(world.front_line.pk, {"fields": ["large_print"]})]
    assert changed_on(world.waste_resolved) == expected
    # ... and on every open case, as from the record's own page.
    assert changed_on(world.waste_open) == expected
    assert changed_on(world.highways_open) == expected


def test_the_service_puts_the_change_only_on_a_case_of_that_customer(world, landline_call):
    """A case of another customer named by mistake gets nothing; the open cases still do."""
    customer_update(
        customer_id=world.gwen.pk,
        changes={"bsl": True},
        actor=world.front_line,
        case_id=landline_call.pk,
    )

    assert changed_on(landline_call) == []
    assert len(changed_on(world.waste_open)) == 1
    assert changed_on(world.waste_resolved) == []


def test_saving_without_a_change_records_nothing_and_returns_to_the_case(client, world):
    client.force_login(world.front_line)

    response = client.post(edit_url(world.waste_open), form_data(world.gwen), follow=True)

    assert response.redirect_chain[-1][0] == f"/en/cases/{world.waste_open.reference}/"
    assert "Nothing was changed." in response.text
    assert not CustomerEvent.objects.exists()
    assert not CaseEvent.objects.filter(kind="customer_changed").exists()


def test_an_administrator_may_edit_from_the_case(client, world, administrator):
    client.force_login(administrator)

    response = client.post(edit_url(world.waste_complaint), form_data(world.gwen, bsl="on"))

    assert response.status_code == 302
    assert Customer.objects.get(pk=world.gwen.pk).bsl is True
    assert len(changed_on(world.waste_complaint)) == 1


@pytest.mark.parametrize("who", ["advisor", "highways_advisor", "complaints_officer"])
def test_staff_who_are_not_front_line_may_not_edit_from_the_case(client, world, who):
    """The same rule as the record's own page: reading the case is not enough."""
    client.force_login(getattr(world, who))

    assert client.get(edit_url(world.waste_open)).status_code == 403
    answer = client.post(edit_url(world.waste_open), form_data(world.gwen, name="X"))
    assert answer.status_code == 403
    unchanged(world)


def test_a_case_the_editor_may_not_see_is_not_found(client, world):
    """The confidential complaint: not found, so its reference tells nothing."""
    client.force_login(world.front_line)

    assert client.get(edit_url(world.waste_complaint)).status_code == 404
    answer = client.post(edit_url(world.waste_complaint), form_data(world.gwen, name="X"))
    assert answer.status_code == 404
    unchanged(world)


def test_a_case_without_a_customer_has_nothing_to_edit(client, world):
    case = make_case(service=world.waste_open.service, received_at=RECEIVED)
    client.force_login(world.front_line)

    assert client.get(edit_url(case)).status_code == 404


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLERK])
def test_members_may_not_edit_from_a_case(client, world, role):
    client.force_login(UserFactory(role=role, team=None))

    answer = client.post(edit_url(world.waste_open), form_data(world.gwen, name="X"))

    assert answer.status_code == 404
    unchanged(world)


def test_signing_in_comes_first(client, world):
    answer = client.get(edit_url(world.waste_open))

    assert answer.status_code == 302 and "/sign-in/" in answer["Location"]


@pytest.mark.parametrize(
    ("language", "changes", "expected"),
    [
        (
            "en",
            {"email": "gwen@"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
        (
            "cy",
            {"email": "gwen@"},
            ["Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com"],
        ),
        (
            "en",
            {"phone": "call me"},
            ["Enter a telephone number using digits, spaces and an optional leading +."],
        ),
        (
            "en",
            {"preferred_contact_method": "pigeon"},
            ["Select how they would like us to contact them"],
        ),
        (
            "cy",
            {"preferred_contact_method": "pigeon"},
            ["Dewiswch sut hoffen nhw i ni gysylltu â nhw"],
        ),
        ("cy", {"name": ""}, ["Rhowch enw llawn y cwsmer"]),
    ],
)
def test_bad_input_is_refused_in_the_pages_language_and_nothing_changes(
    client, world, language, changes, expected
):
    client.force_login(world.front_line)

    response = client.post(edit_url(world.waste_open, language), form_data(world.gwen, **changes))

    assert response.status_code == 400
    assert errors(response) == expected
    unchanged(world)
    assert not CaseEvent.objects.filter(kind="customer_changed").exists()


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_colleagues_change_meanwhile_is_refused_and_shown(client, world, language):
    client.force_login(world.front_line)
    seen = form_data(world.gwen, large_print="on")
    customer_update(
        customer_id=world.gwen.pk, changes={"phone": "07700 900123"}, actor=world.front_line
    )

    response = client.post(edit_url(world.waste_open, language), seen)

    assert response.status_code == 400
    refusal = {
        "cy": "Newidiodd rhywun arall y cofnod hwn",
        "en": "Someone else changed this record while you were editing it.",
    }[language]
    assert refusal in html.unescape(response.text)
    gwen = Customer.objects.get(pk=world.gwen.pk)
    assert (gwen.phone, gwen.large_print) == ("07700 900123", False)
    assert CustomerEvent.objects.count() == 1
