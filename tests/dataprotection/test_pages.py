"""The data protection officer's pages: the runs, holds and erasures listed (counts and ids, no
case content), and a customer erased with a reason; refusals shown translated, nothing changed."""

import pytest

from accounts.models import Role
from contacts.models import Customer
from dataprotection.models import Erasure
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
    assert "In force" in page
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
