"""PostgreSQL's ``case_reference_next`` (contacts migration 0024), which the statement storing a
new case calls: the year's sequence made on its first case, the number padded to six digits as
``reference_format`` pads it, and never cut short past a million."""

import pytest
from django.db import connection

from contacts.references import reference_format

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's function"),
]


def next_reference(year: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT case_reference_next(%s, %s)", [year, "CYS"])
        return cursor.fetchone()[0]


def test_a_year_s_first_case_makes_its_sequence_and_is_number_one():
    assert next_reference(2041) == "CYS-2041-000001" == reference_format(2041, 1)
    assert next_reference(2041) == "CYS-2041-000002"
    assert next_reference(2042) == "CYS-2042-000001"


@pytest.mark.parametrize(
    ("last", "expected"),
    [(41, "CYS-2043-000042"), (999_998, "CYS-2043-999999"), (999_999, "CYS-2043-1000000")],
)
def test_the_number_is_padded_to_six_digits_and_never_cut(last, expected):
    next_reference(2043)  # makes the sequence
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval('case_reference_2043', %s)", [last])

    assert next_reference(2043) == expected == reference_format(2043, last + 1)
