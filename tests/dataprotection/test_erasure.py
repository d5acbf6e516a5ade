"""Erasing a customer: their cases anonymised at once and their record removed, with a record
of who, when and why; refused, changing nothing, under a legal hold or with a complaint open."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from common.errors import ServiceError
from contacts.models import Case, Customer
from dataprotection.models import Erasure
from dataprotection.services.erasure import customer_erase
from dataprotection.services.holds import legal_hold_place
from tests.factories import CustomerFactory, make_case

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_a_customer_is_erased(service, administrator):
    customer = CustomerFactory(name="Ann Jones", email="ann@example.com")
    first = make_case(service=service, customer=customer, summary="Ann's bin")
    second = make_case(service=service, customer=customer, summary="Ann's bin again")
    other = make_case(service=service, customer=CustomerFactory(), summary="Someone else")

    erasure = customer_erase(
        customer_id=customer.pk, reason="Asked under article 17", by=administrator, now=NOW
    )

    assert not Customer.objects.filter(pk=customer.pk).exists()
    for case in (first, second):
        case.refresh_from_db()
        assert (case.summary, case.customer_id, case.anonymised_at) == ("", None, NOW)
    assert Case.objects.get(pk=other.pk).summary == "Someone else"
    assert (
        erasure.customer_id,
        erasure.reason,
        erasure.erased_by,
        erasure.erased_at,
        erasure.cases_anonymised,
    ) == (customer.pk, "Asked under article 17", administrator, NOW, 2)


def test_a_customer_with_no_case_is_removed(administrator):
    customer = CustomerFactory()

    customer_erase(customer_id=customer.pk, reason="Asked", by=administrator, now=NOW)

    assert not Customer.objects.filter(pk=customer.pk).exists()
    assert Erasure.objects.get().cases_anonymised == 0


@pytest.mark.parametrize(
    ("situation", "language", "message"),
    [
        (
            "customer held",
            "en",
            "A legal hold is in force on this customer or one of their cases: nothing was erased.",
        ),
        (
            "case held",
            "cy",
            "Mae daliad cyfreithiol mewn grym ar y cwsmer hwn neu ar un o'i achosion: ni "
            "ddilëwyd dim.",
        ),
        (
            "complaint open",
            "en",
            "A complaint of this customer's is still open: nothing was erased.",
        ),
        (
            "complaint open",
            "cy",
            "Mae un o gwynion y cwsmer hwn yn dal ar agor: ni ddilëwyd dim.",
        ),
        ("no reason", "en", "Say why the customer's data is being erased."),
    ],
)
def test_an_erasure_the_law_does_not_allow_is_refused_and_changes_nothing(
    service, administrator, situation, language, message
):
    customer = CustomerFactory(name="Ann Jones")
    case = make_case(service=service, customer=customer, summary="Ann's bin")
    if situation == "customer held":
        legal_hold_place(customer=customer, reason="Claim", by=administrator)
    if situation == "case held":
        legal_hold_place(case=case, reason="Claim", by=administrator)
    if situation == "complaint open":
        make_case(service=service, customer=customer, kind="complaint")

    with translation.override(language), pytest.raises(ServiceError) as refused:
        customer_erase(
            customer_id=customer.pk,
            reason="" if situation == "no reason" else "Asked",
            by=administrator,
        )

    with translation.override(language):
        assert [m for ms in refused.value.fields.values() for m in ms] == [message]
    assert Customer.objects.get(pk=customer.pk).name == "Ann Jones"
    assert Case.objects.get(pk=case.pk).summary == "Ann's bin"
    assert not Erasure.objects.exists()


def test_an_erasure_of_nobody_is_refused(administrator):
    with pytest.raises(ServiceError) as refused:
        customer_erase(customer_id=999999, reason="Asked", by=administrator)

    assert refused.value.messages == ["There is no such customer."]
    assert not Erasure.objects.exists()
