"""audit/hooks.py: contacts tells the audit, which sits below it, a case's reference and a
reference's case, for any case."""

import pytest

from audit import hooks
from contacts.read_audit import case_id_of, case_references
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_contacts_provides_what_the_audit_asks_of_cases():
    assert hooks.case_references._function is case_references
    assert hooks.case_id_of._function is case_id_of


def test_references_and_ids_of_any_case_in_one_query_each(service, django_assert_num_queries):
    first, second = make_case(service=service), make_case(service=service, kind="complaint")

    with django_assert_num_queries(1):
        assert hooks.case_references([first.pk, second.pk, 999_999]) == {
            first.pk: first.reference,
            second.pk: second.reference,
        }
    with django_assert_num_queries(1):
        assert hooks.case_id_of(second.reference) == second.pk
    assert hooks.case_id_of("CYS-1999-000001") is None
