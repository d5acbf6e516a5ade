"""Editing a customer's record through its page: front-line staff and administrators; bad input
answers 400 with translated errors and changes nothing; a colleague's change made meanwhile is
not overwritten unseen."""

import html
import re

import pytest

from accounts.models import Role
from contacts.models import CaseEvent, Customer, CustomerEvent
from contacts.services import customer_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def edit_url(customer, language: str = "en") -> str:
    return f"/{language}/customers/{customer.pk}/edit/"


def form_data(customer: Customer, **changes) -> dict[str, str]:
    data = {
        "name": customer.name,
        "email": customer.email,
        "phone": customer.phone,
        "address": customer.address,
        "postcode": customer.postcode,
        "preferred_language": customer.preferred_language,
        "preferred_contact_method": customer.preferred_contact_method,
        "interpreter_language": customer.interpreter_language,
        "other_needs": customer.other_needs,
        "version": customer.modified_at.isoformat(),
    }
    if customer.large_print:
        data["large_print"] = "on"
    if customer.bsl:
        data["bsl"] = "on"
    data.update(changes)
    return data


def errors(response) -> list[str]:
    found = re.findall(r'class="govuk-error-message">(.*?)</p>', response.text, re.DOTALL)
    hidden = r'<span class="govuk-visually-hidden">[^<]*</span>'
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(hidden, "", e))).split())
        for e in found
    ]


def unchanged(world) -> None:
    fresh = Customer.objects.get(pk=world.gwen.pk)
    assert (fresh.name, fresh.email, fresh.phone, fresh.large_print) == (
        "Gwenllian Parry",
        "gwen@example.com",
        "01234 560101",
        False,
    )
    assert not CustomerEvent.objects.exists()


def test_a_front_line_advisor_changes_the_record_and_it_is_recorded(client, world):
    client.force_login(world.front_line)
    assert client.get(edit_url(world.gwen)).status_code == 200

    response = client.post(
        edit_url(world.gwen),
        form_data(
            world.gwen,
            preferred_contact_method="letter",
            large_print="on",
            postcode="ll99 1ac",
            name="  Gwenllian   Parry ",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/customers/{world.gwen.pk}/"
    gwen = Customer.objects.get(pk=world.gwen.pk)
    assert (gwen.name, gwen.preferred_contact_method, gwen.large_print, gwen.postcode) == (
        "Gwenllian Parry",
        "letter",
        True,
        "LL99 1AC",
    )
    assert CustomerEvent.objects.get().payload["fields"] == [
        "postcode",
        "preferred_contact_method",
        "large_print",
    ]
    assert CaseEvent.objects.filter(kind="customer_changed").count() == 3  # the open cases
    page = client.get(response["Location"]).text
    assert "Customer record updated." in page


def test_the_case_timeline_says_which_details_changed(client, world):
    client.force_login(world.front_line)
    client.post(
        edit_url(world.gwen),
        form_data(world.gwen, preferred_contact_method="letter", large_print="on"),
    )
    client.force_login(world.advisor)

    page = html.unescape(client.get(f"/en/cases/{world.waste_open.reference}/").text)

    assert "Customer's details changed" in page
    assert "Contact preference, large print" in page


def test_saving_without_a_change_records_nothing(client, world):
    client.force_login(world.front_line)

    response = client.post(edit_url(world.gwen), form_data(world.gwen), follow=True)

    assert "Nothing was changed." in response.text
    assert not CustomerEvent.objects.exists()


def test_an_administrator_may_edit(client, world, administrator):
    client.force_login(administrator)

    response = client.post(edit_url(world.gwen), form_data(world.gwen, bsl="on"))

    assert response.status_code == 302
    assert Customer.objects.get(pk=world.gwen.pk).bsl is True


@pytest.mark.parametrize("who", ["advisor", "highways_advisor", "complaints_officer"])
def test_staff_who_are_not_front_line_read_only(client, world, who):
    client.force_login(getattr(world, who))

    assert client.get(edit_url(world.gwen)).status_code == 403
    assert client.post(edit_url(world.gwen), form_data(world.gwen, name="X")).status_code == 403
    unchanged(world)


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLERK])
def test_members_may_not_edit(client, world, role):
    client.force_login(UserFactory(role=role, team=None))

    assert client.post(edit_url(world.gwen), form_data(world.gwen, name="X")).status_code == 403
    unchanged(world)


@pytest.mark.parametrize(
    ("language", "changes", "expected"),
    [
        ("en", {"name": "  "}, ["Enter the customer's full name"]),
        ("cy", {"name": ""}, ["Rhowch enw llawn y cwsmer"]),
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
        ("cy", {"preferred_language": "fr"}, ["Dewiswch iaith o'r rhestr"]),
        ("en", {"postcode": "X" * 11}, ["Write no more than 10 characters."]),
        ("en", {"other_needs": "a\x00b"}, ["Remove the null characters from the text."]),
    ],
)
def test_bad_input_is_refused_in_the_pages_language_and_nothing_changes(
    client, world, language, changes, expected
):
    client.force_login(world.front_line)

    response = client.post(edit_url(world.gwen, language), form_data(world.gwen, **changes))

    assert response.status_code == 400
    assert errors(response) == expected
    unchanged(world)


def test_a_colleagues_change_meanwhile_is_not_overwritten_unseen(client, world):
    client.force_login(world.front_line)
    seen = form_data(world.gwen, large_print="on")
    customer_update(
        customer_id=world.gwen.pk, changes={"phone": "07700 900123"}, actor=world.front_line
    )

    response = client.post(edit_url(world.gwen), seen)

    assert response.status_code == 400
    assert "Someone else changed this record while you were editing it." in html.unescape(
        response.text
    )
    fresh = Customer.objects.get(pk=world.gwen.pk)
    assert (fresh.phone, fresh.large_print) == ("07700 900123", False)
    assert not CustomerEvent.objects.filter(actor=world.front_line, payload__fields=["large_print"])
    # The page now shows the record as it is, the colleague's number included: saving again
    # from it keeps that number.
    assert 'value="07700 900123"' in response.text
    version = re.search(r'name="version" value="([^"]+)"', response.text).group(1)
    again = client.post(
        edit_url(world.gwen),
        {**seen, "phone": "07700 900123", "version": html.unescape(version)},
    )
    assert again.status_code == 302
    fresh = Customer.objects.get(pk=world.gwen.pk)
    assert (fresh.phone, fresh.large_print) == ("07700 900123", True)


def test_a_record_that_does_not_exist_is_not_found(client, world):
    client.force_login(world.front_line)

    assert client.get(f"/en/customers/{world.gwen.pk + 999}/edit/").status_code == 404
    assert client.post(f"/en/customers/{world.gwen.pk + 999}/edit/", {}).status_code == 404
