"""The page size of a list: a whole number of at least 1, refused otherwise with a translated
400 (DRF quietly gave the default page instead); more than 200 gives 200."""

import pytest

from tests.factories import CustomerFactory, make_case

from .conftest import CASES_URL

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_size", ["0", "-1", "abc", "2.5", "", "%D9%A3"])
def test_a_page_size_that_is_not_a_whole_number_of_at_least_1_is_refused(api, page_size):
    response = api.get(f"{CASES_URL}?page_size={page_size}")

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Enter a whole number of at least 1."]}


def test_the_refusal_is_in_welsh_when_asked(api_cy):
    response = api_cy.get(f"{CASES_URL}?page_size=0")

    assert response.json() == {"page_size": ["Rhowch rif cyfan, o leiaf 1."]}


def test_a_page_size_too_long_to_read_as_a_number_gives_the_largest_page(api, service):
    make_case(service=service)

    response = api.get(f"{CASES_URL}?page_size={'9' * 5000}")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_page_size_given_with_leading_zeros_is_read_as_its_number(api, service):
    for _ in range(3):
        make_case(service=service)

    body = api.get(f"{CASES_URL}?page_size=002").json()

    assert (body["count"], len(body["results"])) == (3, 2)


def test_the_customer_records_cases_are_paged_by_the_same_rule(api, service):
    customer = CustomerFactory()
    make_case(service=service, customer=customer)

    response = api.get(f"/api/v1/customers/{customer.pk}/?page_size=0")

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Enter a whole number of at least 1."]}
