"""The print queue in a real browser, in both languages: accessible, and used from the keyboard."""

import pytest

from messaging.models import OutboundMessage
from tests.letters import RECEIVED, letter_case, letter_customer, printed_letter

from .conftest import axe_violations, screenshot
from .test_browser import english_left_on

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_letter_is_marked_posted_from_the_keyboard(
    sign_in_browser, advisor, service, settings, tmp_path, language
):
    settings.MEDIA_ROOT = tmp_path / "media"
    letter = printed_letter(letter_case(service=service, customer=letter_customer()), at=RECEIVED)
    page = sign_in_browser(advisor)
    page.goto(f"/{language}/letters/")
    screenshot(page, f"letters-{language}")
    assert axe_violations(page) == []
    if language == "cy":
        assert english_left_on(page) == []

    page.locator("#id_letters").focus()
    page.keyboard.press("Space")
    page.locator("#main-content button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    screenshot(page, f"letters-posted-{language}")
    assert axe_violations(page) == []
    assert OutboundMessage.objects.get(pk=letter.pk).state == "sent"
