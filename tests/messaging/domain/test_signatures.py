"""Officers' signatures: one block, Welsh first, the same under both languages."""

import pytest

from messaging.domain.signatures import Officer, signature, signed

FULL = Officer(
    name="Rhys Evans",
    job_title_cy="Swyddog Gwastraff",
    job_title_en="Waste Officer",
    service_cy="Gwastraff ac ailgylchu",
    service_en="Waste and recycling",
    phone="01824 706000",
    email="rhys.evans@example.gov.wales",
    website_cy="https://example.gov.wales/cy/gwastraff",
    website_en="https://example.gov.wales/en/waste",
)


@pytest.mark.parametrize(
    ("officer", "expected"),
    [
        (
            FULL,
            "Rhys Evans\n"
            "Swyddog Gwastraff | Waste Officer\n"
            "Gwastraff ac ailgylchu | Waste and recycling\n"
            "Ffôn | Phone: 01824 706000\n"
            "E-bost | E-mail: rhys.evans@example.gov.wales\n"
            "Gwefan | Website: https://example.gov.wales/cy/gwastraff | "
            "https://example.gov.wales/en/waste",
        ),
        # Only a name: nothing else is invented.
        (Officer(name="Rhys Evans"), "Rhys Evans"),
        # A title given in one language only is shown once.
        (
            Officer(name="Rhys Evans", job_title_en="Waste Officer", phone="01824 706000"),
            "Rhys Evans\nWaste Officer\nFfôn | Phone: 01824 706000",
        ),
        # The same website for both languages is shown once.
        (
            Officer(
                name="Ann Hughes",
                website_cy="https://example.gov.wales",
                website_en="https://example.gov.wales",
            ),
            "Ann Hughes\nGwefan | Website: https://example.gov.wales",
        ),
    ],
)
def test_signature(officer, expected):
    assert signature(officer) == expected


def test_signed_puts_the_signature_below_the_body_after_the_separator():
    assert signed("Annwyl Siân,\n\nDiolch.\n\n", Officer(name="Rhys Evans")) == (
        "Annwyl Siân,\n\nDiolch.\n\n-- \nRhys Evans"
    )


def test_a_message_without_an_officer_is_not_signed():
    assert signed("Diolch.", None) == "Diolch."
