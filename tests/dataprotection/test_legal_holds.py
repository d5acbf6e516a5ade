"""Legal holds: placed on a case or a customer with a reason, by someone, released (never
deleted) with who and when; a customer's hold holds every case of theirs."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from common.errors import ServiceError
from dataprotection.models import LegalHold
from dataprotection.retention_selectors.holds import case_is_held, customer_is_held
from dataprotection.services.holds import legal_hold_place, legal_hold_release
from tests.factories import CustomerFactory, make_case

pytestmark = pytest.mark.django_db

PLACED = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
RELEASED = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_a_hold_on_a_case_holds_that_case_only(service, administrator):
    customer = CustomerFactory()
    held = make_case(service=service, customer=customer)
    other = make_case(service=service, customer=customer, summary="Another")

    hold = legal_hold_place(case=held, reason="Tribunal claim", by=administrator, now=PLACED)

    assert (hold.case, hold.customer, hold.placed_by, hold.placed_at, hold.reason) == (
        held,
        None,
        administrator,
        PLACED,
        "Tribunal claim",
    )
    assert (case_is_held(held.pk), case_is_held(other.pk)) == (True, False)
    # Erasing the customer would take the held case's data.
    assert customer_is_held(customer.pk) is True


def test_a_hold_on_a_customer_holds_every_case_of_theirs(service, administrator):
    customer = CustomerFactory()
    first = make_case(service=service, customer=customer)
    second = make_case(service=service, customer=customer, summary="Another")
    stranger = make_case(service=service, customer=CustomerFactory(), summary="Other")

    legal_hold_place(customer=customer, reason="Litigation", by=administrator, now=PLACED)

    assert [case_is_held(c.pk) for c in (first, second, stranger)] == [True, True, False]
    assert customer_is_held(customer.pk) is True


def test_a_released_hold_holds_nothing_and_keeps_its_record(service, administrator):
    case = make_case(service=service)
    hold = legal_hold_place(case=case, reason="Audit", by=administrator, now=PLACED)

    legal_hold_release(hold_id=hold.pk, by=administrator, now=RELEASED)

    hold.refresh_from_db()
    assert (hold.released_at, hold.released_by, hold.reason) == (RELEASED, administrator, "Audit")
    assert case_is_held(case.pk) is False


@pytest.mark.parametrize(
    ("target", "reason", "errors"),
    [
        ("none", "Audit", {"case": ["Choose a case or a customer to hold, not both."]}),
        ("both", "Audit", {"case": ["Choose a case or a customer to hold, not both."]}),
        ("case", "  ", {"reason": ["Say why the data must be kept."]}),
    ],
)
def test_bad_holds_are_refused_and_nothing_is_saved(service, administrator, target, reason, errors):
    case = make_case(service=service, customer=CustomerFactory())
    targets = {
        "none": {},
        "both": {"case": case, "customer": case.customer},
        "case": {"case": case},
    }[target]

    with pytest.raises(ServiceError) as refused:
        legal_hold_place(reason=reason, by=administrator, **targets)

    assert refused.value.fields == errors
    assert LegalHold.objects.count() == 0


def test_a_hold_is_released_once(service, administrator):
    hold = legal_hold_place(
        case=make_case(service=service), reason="Audit", by=administrator, now=PLACED
    )
    legal_hold_release(hold_id=hold.pk, by=administrator, now=RELEASED)

    with pytest.raises(ServiceError) as refused:
        legal_hold_release(hold_id=hold.pk, by=administrator)

    assert refused.value.messages == ["This legal hold has already been released."]
    hold.refresh_from_db()
    assert hold.released_at == RELEASED


def test_an_administrator_places_a_hold_in_the_admin_and_releases_it(
    client, administrator, service
):
    case = make_case(service=service)
    client.force_login(administrator)

    response = client.post(
        reverse("admin:dataprotection_legalhold_add"),
        {"case": str(case.pk), "customer": "", "reason": "Ombudsman investigation"},
    )

    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.case, hold.placed_by, hold.released_at) == (case, administrator, None)

    response = client.post(
        reverse("admin:dataprotection_legalhold_changelist"),
        {"action": "release", "_selected_action": [str(hold.pk)]},
    )

    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.released_by == administrator
    assert case_is_held(case.pk) is False


def test_a_hold_on_nothing_is_refused_in_the_admin(client, administrator):
    client.force_login(administrator)

    response = client.post(
        reverse("admin:dataprotection_legalhold_add"),
        {"case": "", "customer": "", "reason": "Audit"},
    )

    assert response.status_code == 200
    assert "A legal hold is on a case or on a customer, not both." in response.content.decode()
    assert LegalHold.objects.count() == 0


def test_a_hold_cannot_be_deleted(client, administrator, service):
    hold = legal_hold_place(case=make_case(service=service), reason="Audit", by=administrator)
    client.force_login(administrator)

    response = client.post(
        reverse("admin:dataprotection_legalhold_delete", args=[hold.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert LegalHold.objects.filter(pk=hold.pk).exists()
