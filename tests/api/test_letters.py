"""The print-queue API: staff list their service's letters waiting to be posted, download each
PDF and mark it posted; nobody else sees or touches them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contacts.models import Case, CaseEvent, Milestone
from messaging import print_queue
from messaging.models import OutboundMessage
from tests.confidential import COMPLAINANT, complaint_cast, complaint_naming
from tests.letters import (
    ADDRESS,
    POSTCODE,
    RECEIVED,
    letter_case,
    letter_customer,
    pdf_of,
    printed_letter,
    webform_letter_case,
)

pytestmark = pytest.mark.django_db

LETTERS_URL = "/api/v1/letters/"
PRINTED = RECEIVED + timedelta(hours=1)


def document_url(letter: OutboundMessage) -> str:
    return f"{LETTERS_URL}{letter.pk}/document/"


def posted_url(letter: OutboundMessage) -> str:
    return f"{LETTERS_URL}{letter.pk}/mark-posted/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def letter(service) -> OutboundMessage:
    """A Welsh letter waiting in the waste service's print queue."""
    case = letter_case(service=service, customer=letter_customer(preferred_language="cy"))
    return printed_letter(case, at=PRINTED)


@pytest.fixture
def highways_letter(highways) -> OutboundMessage:
    customer = letter_customer(name="Ann Hughes", address="2 Stryd Fawr\nRhuthun")
    return printed_letter(letter_case(service=highways, customer=customer), at=PRINTED)


def unchanged(letter: OutboundMessage) -> bool:
    fresh = OutboundMessage.objects.get(pk=letter.pk)
    return (fresh.state, fresh.posted_at, fresh.posted_by_id) == ("to_post", None, None) and (
        not CaseEvent.objects.filter(case=letter.case, kind="reply_sent").exists()
    )


def test_staff_list_their_service_s_letters_waiting_to_be_posted(api, letter, highways_letter):
    response = api.get(LETTERS_URL)

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": letter.pk,
                "case": letter.case.reference,
                "service": "waste",
                "purpose": "acknowledgement",
                "language": "cy",
                "recipient": ADDRESS,
                "subject": f"Eich cyswllt â'r cyngor – cyfeirnod {letter.case.reference}",
                "large_print": False,
                "state": "to_post",
                "created_at": "2026-03-02T10:00:00Z",
                "posted_at": None,
                "posted_by": None,
                "document": f"http://testserver{document_url(letter)}",
            }
        ],
    }


def test_administrators_list_every_service_s_letters(
    client_for, administrator, letter, highways_letter
):
    response = client_for(administrator).get(LETTERS_URL)

    assert [row["id"] for row in response.json()["results"]] == [letter.pk, highways_letter.pk]


@pytest.mark.parametrize("who", ["highways_advisor", "councillor", "clerk"])
def test_others_see_no_letters_of_the_waste_service(request, client_for, letter, who):
    response = client_for(request.getfixturevalue(who)).get(LETTERS_URL)

    assert (response.status_code, response.json()["results"]) == (200, [])


def test_staff_download_the_pdf_as_an_attachment(api, letter):
    response = api.get(document_url(letter), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reference = letter.case.reference
    assert response["Content-Disposition"] == (
        f'attachment; filename="{reference}-acknowledgement-{letter.pk}.pdf"'
    )
    assert b"".join(response.streaming_content) == pdf_of(letter)


def test_staff_of_another_service_read_the_letter_of_a_case_that_is_not_confidential(
    client_for, highways_advisor, letter
):
    """One council (ADR 0018): staff read any case that is not confidential, its letters too;
    posting it stays with its own service (the print queue)."""
    response = client_for(highways_advisor).get(document_url(letter), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["councillor", "clerk"])
def test_others_cannot_download_the_letter(request, client_for, letter, who):
    response = client_for(request.getfixturevalue(who)).get(
        document_url(letter), HTTP_ACCEPT="application/pdf"
    )

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "url", [f"{LETTERS_URL}999999/document/", f"{LETTERS_URL}99999999999999999999/document/"]
)
def test_an_unknown_letter_answers_404_json(api, url):
    response = api.get(url)

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_a_letter_not_printed_yet_has_nothing_to_download(api, service):
    case = letter_case(service=service, customer=letter_customer())
    queued = OutboundMessage.objects.get(case=case)

    response = api.get(document_url(queued))

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_staff_mark_a_letter_posted_and_the_case_is_acknowledged(api, advisor, service):
    customer = letter_customer(preferred_contact_method="letter")
    letter = printed_letter(webform_letter_case(service=service, customer=customer), at=PRINTED)
    posted = RECEIVED + timedelta(hours=3)

    response = api.post(posted_url(letter), {"posted_at": posted.isoformat()}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["posted_at"], body["posted_by"]) == (
        "sent",
        "2026-03-02T13:00:00Z",
        "advisor",
    )
    acknowledge = Milestone.objects.get(case_id=letter.case_id, kind="acknowledge")
    assert (acknowledge.state, acknowledge.met_at) == ("met", posted)
    assert letter_not_in_queue(api, letter)


def letter_not_in_queue(api, letter: OutboundMessage) -> bool:
    return letter.pk not in [row["id"] for row in api.get(LETTERS_URL).json()["results"]]


def test_marking_posted_without_a_time_means_now(api, advisor, letter):
    before = timezone.now()

    response = api.post(posted_url(letter), {}, format="json")

    assert response.status_code == 200
    fresh = OutboundMessage.objects.get(pk=letter.pk)
    assert before <= fresh.posted_at <= timezone.now()
    assert (fresh.state, fresh.posted_by, fresh.sent_at) == ("sent", advisor, fresh.posted_at)


def test_marking_posted_twice_records_it_once(api, letter):
    posted = (PRINTED + timedelta(hours=1)).isoformat()

    first = api.post(posted_url(letter), {"posted_at": posted}, format="json")
    second = api.post(
        posted_url(letter),
        {"posted_at": (PRINTED + timedelta(hours=2)).isoformat()},
        format="json",
    )

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == second.json()
    assert CaseEvent.objects.filter(case_id=letter.case_id, kind="reply_sent").count() == 1


@pytest.mark.parametrize(
    ("client_language", "error"),
    [
        ("en", "The time of posting cannot be in the future."),
        ("cy", "Ni all yr amser postio fod yn y dyfodol."),
    ],
)
def test_a_posting_time_in_the_future_is_refused_in_the_caller_s_language(
    client_for, advisor, letter, client_language, error
):
    future = (timezone.now() + timedelta(hours=1)).isoformat()

    response = client_for(advisor, client_language).post(
        posted_url(letter), {"posted_at": future}, format="json"
    )

    assert (response.status_code, response.json()) == (400, {"posted_at": [error]})
    assert unchanged(letter)


def test_a_posting_time_without_its_offset_is_refused(api, letter):
    response = api.post(posted_url(letter), {"posted_at": "2026-03-02T12:00:00"}, format="json")

    assert (response.status_code, response.json()) == (
        400,
        {
            "posted_at": [
                "Give the time with its UTC offset, for example 2026-03-02T10:00:00+00:00."
            ]
        },
    )
    assert unchanged(letter)


@pytest.mark.parametrize("who", ["councillor", "clerk"])
def test_others_cannot_mark_the_letter_posted(request, client_for, letter, who):
    response = client_for(request.getfixturevalue(who)).post(posted_url(letter), {}, format="json")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert unchanged(letter)


def test_another_service_reads_the_letter_but_may_not_mark_it_posted(
    client_for, highways_advisor, letter
):
    """One council (ADR 0018): the letter of a case that is not confidential is read by staff
    of any service, so they are refused (403), not kept in the dark; its service posts it."""
    response = client_for(highways_advisor).post(posted_url(letter), {}, format="json")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Only staff of the case's service can do this."},
    )
    assert unchanged(letter)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", lambda letter: LETTERS_URL),
        ("get", document_url),
        ("post", posted_url),
    ],
)
def test_without_credentials_nothing_is_shown_or_changed(anonymous, letter, method, url):
    response = getattr(anonymous, method)(url(letter))

    assert (response.status_code, response.json()) == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )
    assert unchanged(letter)


# --- Confidential cases ------------------------------------------------------------------------


@pytest.fixture
def cast(team):
    return complaint_cast(team)


@pytest.fixture
def complaint_letter(team, cast) -> OutboundMessage:
    """A printed letter to a complainant about the team's manager and an advisor."""
    case = complaint_naming(
        cast.manager,
        cast.officer,
        team=team,
        channel="letter",
        details={"postal_address": ADDRESS, "postcode": POSTCODE},
        customer=letter_customer(name=COMPLAINANT),
        recorded_by=cast.handler,
    )
    return printed_letter(case, at=PRINTED)


@pytest.mark.parametrize("who", ["manager", "officer", "stranger"])
def test_nobody_named_in_a_complaint_lists_opens_or_posts_its_letter(
    client_for, cast, complaint_letter, who
):
    api = client_for(getattr(cast, who))

    listed = api.get(LETTERS_URL)
    document = api.get(document_url(complaint_letter), HTTP_ACCEPT="application/pdf")
    posted = api.post(posted_url(complaint_letter), {}, format="json")

    assert (listed.status_code, listed.json()["results"]) == (200, [])
    assert (document.status_code, document.json()) == (404, {"detail": "Not found."})
    assert (posted.status_code, posted.json()) == (404, {"detail": "Not found."})
    assert unchanged(complaint_letter)


def test_the_complaints_officer_lists_opens_and_posts_the_complaint_s_letter(
    client_for, cast, complaint_letter
):
    api = client_for(cast.handler)

    assert [row["id"] for row in api.get(LETTERS_URL).json()["results"]] == [complaint_letter.pk]
    assert api.get(document_url(complaint_letter)).status_code == 200
    assert api.post(posted_url(complaint_letter), {}, format="json").json()["state"] == "sent"


@pytest.mark.parametrize(
    ("client_language", "error"),
    [
        ("en", "Only staff of the case's service can do this."),
        ("cy", "Dim ond staff gwasanaeth yr achos sy'n gallu gwneud hyn."),
    ],
)
def test_a_letter_one_may_read_but_not_work_is_not_posted(
    client_for, highways_advisor, letter, monkeypatch, client_language, error
):
    """One council: another service's staff may read a case, and so its letter; posting it is
    for the case's own service (``contacts.policies.can_work``)."""
    monkeypatch.setattr(print_queue, "case_visible_to", lambda user: Case.objects.all())
    api = client_for(highways_advisor, client_language)

    assert api.get(document_url(letter)).status_code == 200
    assert api.get(LETTERS_URL).json()["results"] == []
    response = api.post(posted_url(letter), {}, format="json")

    assert (response.status_code, response.json()) == (403, {"detail": error})
    assert unchanged(letter)
