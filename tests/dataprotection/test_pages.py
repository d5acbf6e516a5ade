"""The data protection officer's pages: the runs, holds and erasures listed (counts and ids, no
case content), and a customer erased with a reason; refusals shown translated, nothing changed."""

import pytest

from accounts.models import Role
from contacts.models import Customer
from dataprotection.models import Erasure, LegalHold
from dataprotection.services.holds import legal_hold_place
from dataprotection.services.retention import retention_apply
from tests.factories import CustomerFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpo(db):
    return UserFactory(role=Role.DATA_PROTECTION_OFFICER, team=None, username="dpo")


def test_the_overview_lists_runs_holds_and_erasures(client, dpo, service, administrator):
    case = make_case(service=service, customer=CustomerFactory(name="Ann Jones"))
    legal_hold_place(case=case, reason="Tribunal", by=administrator)
    retention_apply()
    client.force_login(dpo)

    page = client.get("/en/data-protection/").content.decode()

    assert case.reference in page
    assert f'name="hold" value="{LegalHold.objects.get().pk}"' in page  # its release button
    assert "Ann Jones" not in page
    assert "Missed bin" not in page
    assert "No customer has been erased." in page


def test_a_customer_is_erased_from_the_page(client, dpo, service):
    customer = CustomerFactory(name="Ann Jones")
    make_case(service=service, customer=customer)
    client.force_login(dpo)
    url = f"/cy/data-protection/customers/{customer.pk}/erase/"

    shown = client.get(url).content.decode()
    response = client.post(url, {"reason": "Cais dan erthygl 17"})

    assert "Ann Jones" not in shown
    assert "Bydd ei 1 achos" in shown
    assert response.status_code == 302
    assert not Customer.objects.filter(pk=customer.pk).exists()
    assert (Erasure.objects.get().reason, Erasure.objects.get().erased_by) == (
        "Cais dan erthygl 17",
        dpo,
    )


@pytest.mark.parametrize(
    ("language", "held", "reason", "message"),
    [
        ("en", False, "", "Say why the customer&#x27;s data is being erased."),
        ("cy", False, "", "Dywedwch pam mae data&#x27;r cwsmer yn cael ei ddileu."),
        (
            "en",
            True,
            "Asked",
            "A legal hold is in force on this customer or one of their cases: nothing was erased.",
        ),
        (
            "cy",
            True,
            "Asked",
            "Mae daliad cyfreithiol mewn grym ar y cwsmer hwn neu ar un o&#x27;i achosion: ni "
            "ddilëwyd dim.",
        ),
    ],
)
def test_a_refused_erasure_changes_nothing(
    client, dpo, administrator, service, language, held, reason, message
):
    customer = CustomerFactory(name="Ann Jones")
    make_case(service=service, customer=customer)
    if held:
        legal_hold_place(customer=customer, reason="Claim", by=administrator)
    client.force_login(dpo)

    response = client.post(
        f"/{language}/data-protection/customers/{customer.pk}/erase/", {"reason": reason}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Customer.objects.get(pk=customer.pk).name == "Ann Jones"
    assert not Erasure.objects.exists()


def test_an_unknown_customer_is_not_found(client, dpo):
    client.force_login(dpo)
    response = client.post("/en/data-protection/customers/99999999/erase/", {"reason": "x"})
    assert response.status_code == 404
    assert not Erasure.objects.exists()


def test_an_advisor_may_not_erase(client, advisor, service):
    customer = CustomerFactory()
    client.force_login(advisor)
    response = client.post(
        f"/en/data-protection/customers/{customer.pk}/erase/", {"reason": "Asked"}
    )
    assert response.status_code == 403
    assert Customer.objects.filter(pk=customer.pk).exists()


def test_an_officer_places_a_hold_on_a_case_and_releases_it(client, dpo, service):
    case = make_case(service=service)
    client.force_login(dpo)

    response = client.post(
        "/en/data-protection/legal-holds/add/",
        {"reference": case.reference.lower(), "customer": "", "reason": "Tribunal claim"},
    )

    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.case, hold.customer, hold.reason, hold.placed_by) == (
        case,
        None,
        "Tribunal claim",
        dpo,
    )

    response = client.post("/en/data-protection/legal-holds/release/", {"hold": hold.pk})

    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.released_by == dpo
    again = client.post("/en/data-protection/legal-holds/release/", {"hold": hold.pk}, follow=True)
    assert "This legal hold has already been released." in again.content.decode()


def test_an_officer_places_a_hold_on_a_customer(client, dpo):
    customer = CustomerFactory()
    client.force_login(dpo)

    response = client.post(
        "/cy/data-protection/legal-holds/add/",
        {"reference": "", "customer": str(customer.pk), "reason": "Hawliad"},
    )

    assert response.status_code == 302
    assert LegalHold.objects.get().customer == customer


@pytest.mark.parametrize(
    ("language", "data", "message"),
    [
        (
            "en",
            {"reference": "", "customer": "", "reason": "x"},
            "Enter a case reference or a customer number, not both.",
        ),
        (
            "cy",
            {"reference": "", "customer": "", "reason": "x"},
            "Rhowch gyfeirnod achos neu rif cwsmer, nid y ddau.",
        ),
        (
            "en",
            {"reference": "CYS-1999-000001", "customer": "", "reason": "x"},
            "There is no case with this reference.",
        ),
        (
            "en",
            {"reference": "", "customer": "99999999", "reason": "x"},
            "There is no customer with this number.",
        ),
        (
            "en",
            {"reference": "", "customer": "abc", "reason": "x"},
            "Enter a customer number, like 4521.",
        ),
        (
            "cy",
            {"reference": "", "customer": "1", "reason": ""},
            "Dywedwch pam mae&#x27;n rhaid cadw&#x27;r data.",
        ),
    ],
)
def test_a_bad_hold_is_refused_and_nothing_is_saved(client, dpo, language, data, message):
    client.force_login(dpo)

    response = client.post(f"/{language}/data-protection/legal-holds/add/", data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LegalHold.objects.exists()


@pytest.mark.parametrize("data", [{}, {"hold": "abc"}, {"hold": "99999999"}])
def test_releasing_no_hold_is_not_found(client, dpo, data):
    client.force_login(dpo)
    assert client.post("/en/data-protection/legal-holds/release/", data).status_code == 404
