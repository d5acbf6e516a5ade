"""The covering letter is in the request's language, else the requester's, else in both with
Welsh first (SPEC §5)."""

import pytest

from contacts.models import Case, Customer
from dataprotection.export.letter import letter_languages


@pytest.mark.parametrize(
    ("case_language", "preferred", "languages"),
    [
        ("en", "cy", ["en"]),
        ("cy", "", ["cy"]),
        ("", "cy", ["cy"]),
        ("", "en", ["en"]),
        ("", "", ["cy", "en"]),
    ],
)
def test_letter_languages(case_language, preferred, languages):
    case = Case(language=case_language, customer=Customer(preferred_language=preferred))

    assert letter_languages(case) == languages


def test_without_a_customer_the_letter_is_bilingual():
    assert letter_languages(Case(language="")) == ["cy", "en"]
