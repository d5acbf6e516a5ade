"""Telling Welsh from English in a customer's words (no database)."""

import pytest

from channels_app.domain.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mae'r bin heb gael ei gasglu ddydd Mawrth. Diolch yn fawr.", "cy"),
        ("Bore da, dydy'r biniau ddim wedi cael eu casglu yn ein stryd ni heddiw.", "cy"),
        ("Rydw i eisiau gwybod pam nad yw'r ffordd wedi ei thrwsio", "cy"),
        ("My bin was not collected on Tuesday. Thank you.", "en"),
        ("Dear council, the road outside our house has a pothole. Please fix it.", "en"),
        ("Hello, when will the bin be collected?", "en"),
        ("", ""),
        ("bin", ""),  # a word both languages use
        ("CYS-2026-000123", ""),
        ("diolch thanks", ""),  # one of each: no clear sign
        ("Ŵyn ar y ffordd", "cy"),  # ŵ is only Welsh
    ],
)
def test_the_language_of_a_message(text, expected):
    assert detect_language(text) == expected
