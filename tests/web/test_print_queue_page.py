"""The print queue as a staff page: letters listed oldest first, downloaded, marked posted."""

import pytest

from accounts.models import Role
from contacts.models import CaseEvent
from messaging.models import OutboundMessage
from tests.confidential import COMPLAINANT, complaint_cast, complaint_naming
from tests.factories import ServiceFactory, TeamFactory, UserFactory
from tests.letters import ADDRESS, POSTCODE, RECEIVED, letter_case, letter_customer, printed_letter

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


def test_another_service_s_staff_read_the_letter_but_neither_queue_nor_post_it(client, letter):
    """One council (ADR 0018): staff read any case that is not confidential, its letter too;
    the print queue and posting stay with the case's own service."""
    other = UserFactory(role=Role.ADVISOR, team=TeamFactory(service=ServiceFactory()))
    client.force_login(other)

    assert letter.case.reference not in client.get("/en/letters/").text
    assert client.get(f"/en/letters/{letter.pk}/pdf/").status_code == 200
    client.post("/en/letters/", {"letters": [letter.pk]})
    assert OutboundMessage.objects.get(pk=letter.pk).state == "to_post"


def test_councillors_cannot_open_the_print_queue(client):
    client.force_login(UserFactory(role=Role.COUNCILLOR, team=None))

    assert client.get("/en/letters/").status_code == 403


def test_a_complaint_s_letter_is_hidden_from_everyone_named_in_it(client, team):
    """The officer complained about, and their manager when named too, neither see the
    complaint's letter (the complainant's name and address, the findings), download it nor
    mark it posted; another service's staff neither. The complaints officer does all three."""
    cast = complaint_cast(team)
    case = complaint_naming(
        cast.manager,
        cast.officer,
        team=team,
        channel="letter",
        details={"postal_address": ADDRESS, "postcode": POSTCODE},
        customer=letter_customer(name=COMPLAINANT),
        recorded_by=cast.handler,
    )
    letter = printed_letter(case, at=RECEIVED)

    for person in (cast.manager, cast.officer, cast.stranger):
        client.force_login(person)
        for language in ("en", "cy"):
            page = client.get(f"/{language}/letters/")
            assert page.status_code == 200
            assert case.reference not in page.text, person.username
            assert COMPLAINANT not in page.text, person.username
        assert client.get(f"/en/letters/{letter.pk}/pdf/").status_code == 404, person.username
        refused = client.post("/en/letters/", {"letters": [letter.pk]})
        assert "Select the letters that have been posted" in refused.text
        assert OutboundMessage.objects.get(pk=letter.pk).state == "to_post", person.username

    client.force_login(cast.handler)
    assert case.reference in client.get("/en/letters/").text
    assert client.get(f"/en/letters/{letter.pk}/pdf/").status_code == 200
    assert client.post("/en/letters/", {"letters": [letter.pk]}).status_code == 302
    assert OutboundMessage.objects.get(pk=letter.pk).state == "sent"
