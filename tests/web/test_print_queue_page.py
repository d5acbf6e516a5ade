"""The print queue as a staff page: letters listed oldest first, downloaded, marked posted."""

import pytest

from accounts.models import Role
from contacts.models import CaseEvent
from messaging.models import OutboundMessage
from tests.factories import ServiceFactory, TeamFactory, UserFactory
from tests.letters import RECEIVED, letter_case, letter_customer, printed_letter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def letter(service):
    case = letter_case(service=service, customer=letter_customer(large_print=True))
    return printed_letter(case, at=RECEIVED)


def test_staff_see_their_service_s_letters_with_a_download(client, advisor, letter):
    client.force_login(advisor)

    page = client.get("/en/letters/").text

    assert letter.case.reference in page
    assert "Large print" in page
    assert f'href="/en/letters/{letter.pk}/pdf/"' in page
    download = client.get(f"/en/letters/{letter.pk}/pdf/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_marking_letters_posted_sends_them_once(client, advisor, letter):
    client.force_login(advisor)

    for _ in range(2):
        response = client.post("/cy/letters/", {"letters": [letter.pk]})

    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.state, letter.posted_by) == ("sent", advisor)
    assert CaseEvent.objects.filter(case=letter.case, kind="reply_sent").count() == 1
    assert "There are no letters waiting to be posted." in client.get("/en/letters/").text


@pytest.mark.parametrize("chosen", [[], ["abc"], ["999999"], ["\x00"]])
def test_nothing_or_nonsense_chosen_is_refused_in_welsh(client, advisor, letter, chosen):
    client.force_login(advisor)

    response = client.post("/cy/letters/", {"letters": chosen})

    assert response.status_code == 200
    assert "Dewiswch y llythyrau sydd wedi&#x27;u postio" in response.text
    assert OutboundMessage.objects.get(pk=letter.pk).state == "to_post"


def test_another_service_s_staff_see_and_post_nothing(client, letter):
    other = UserFactory(role=Role.ADVISOR, team=TeamFactory(service=ServiceFactory()))
    client.force_login(other)

    assert letter.case.reference not in client.get("/en/letters/").text
    assert client.get(f"/en/letters/{letter.pk}/pdf/").status_code == 404
    client.post("/en/letters/", {"letters": [letter.pk]})
    assert OutboundMessage.objects.get(pk=letter.pk).state == "to_post"


def test_councillors_cannot_open_the_print_queue(client):
    client.force_login(UserFactory(role=Role.COUNCILLOR, team=None))

    assert client.get("/en/letters/").status_code == 403
