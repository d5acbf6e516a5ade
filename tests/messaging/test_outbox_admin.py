"""The outbox in the admin: read only, searchable, with each printed letter's PDF and an action
that marks letters posted through the print queue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import CaseEvent
from messaging.models import OutboundMessage
from tests.letters import RECEIVED, letter_case, letter_customer, pdf_of, printed_letter

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:messaging_outboundmessage_changelist"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def letter(service) -> OutboundMessage:
    case = letter_case(service=service, customer=letter_customer(preferred_language="cy"))
    return printed_letter(case, at=RECEIVED + timedelta(hours=1))


@pytest.fixture
def other_letter(service) -> OutboundMessage:
    customer = letter_customer(name="Ann Hughes", address="2 Stryd Fawr\nRhuthun")
    case = letter_case(service=service, customer=customer, received_at=RECEIVED)
    return OutboundMessage.objects.get(case=case)  # owed, not printed yet


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.mark.parametrize("language", ["cy", "en"])
def test_the_outbox_lists_in_both_languages_with_a_link_to_each_pdf(
    admin_client, letter, other_letter, language
):
    response = admin_client.get(f"/{language}{reverse(CHANGELIST)[3:]}")

    assert response.status_code == 200
    page = response.content.decode()
    assert letter.case.reference in page and other_letter.case.reference in page
    download = reverse("admin:messaging_outboundmessage_letter", args=[letter.pk])
    assert page.count(f'href="{download}"') == 1
    assert f"/{language}/admin/messaging/outboundmessage/add/" not in page


def test_the_outbox_searches_by_reference_and_filters_by_state(admin_client, letter, other_letter):
    found = admin_client.get(reverse(CHANGELIST), {"q": letter.case.reference})
    waiting = admin_client.get(reverse(CHANGELIST), {"state__exact": "to_post"})

    assert [m.pk for m in found.context["cl"].result_list] == [letter.pk]
    assert [m.pk for m in waiting.context["cl"].result_list] == [letter.pk]


def test_the_outbox_searches_by_address(admin_client, letter, other_letter):
    found = admin_client.get(reverse(CHANGELIST), {"q": "Stryd Fawr"})

    assert [m.pk for m in found.context["cl"].result_list] == [other_letter.pk]


def test_a_message_is_shown_read_only(admin_client, letter):
    url = reverse("admin:messaging_outboundmessage_change", args=[letter.pk])

    shown = admin_client.get(url)
    changed = admin_client.post(url, {"state": "failed"})

    assert shown.status_code == 200
    assert 'name="state"' not in shown.content.decode()
    assert changed.status_code == 403
    assert OutboundMessage.objects.get(pk=letter.pk).state == "to_post"


def test_the_pdf_downloads_from_the_admin(admin_client, letter):
    response = admin_client.get(reverse("admin:messaging_outboundmessage_letter", args=[letter.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{letter.case.reference}-acknowledgement-{letter.pk}.pdf"'
    )
    assert b"".join(response.streaming_content) == pdf_of(letter)


def test_the_pdf_is_for_the_admin_site_only(client, advisor, letter):
    client.force_login(advisor)

    response = client.get(reverse("admin:messaging_outboundmessage_letter", args=[letter.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_mark_as_posted_posts_the_printed_letters_and_says_what_it_left(
    admin_client, administrator, letter, other_letter
):
    before = timezone.now()

    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "mark_posted", "_selected_action": [letter.pk, other_letter.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "1 letter marked as posted.",
        "1 message was not waiting to be posted and was left as it was.",
    ]
    posted = OutboundMessage.objects.get(pk=letter.pk)
    assert (posted.state, posted.posted_by) == ("sent", administrator)
    assert before <= posted.posted_at <= timezone.now()
    assert OutboundMessage.objects.get(pk=other_letter.pk).state == "queued"
    assert CaseEvent.objects.filter(kind="reply_sent").count() == 1
