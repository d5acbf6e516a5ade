"""The comment thread through the test client, in both languages: a councillor comments on an
entry of their ward from their calendar, the owning officer answers on the entry's page, and
every refusal (empty text, another ward's entry, an answer by someone else) is a translated
error or a 403/404 that records nothing, never a 500."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from councillors.models import EventRecordKind, WardEvent, WardEventRecord
from councillors.services import ward_event_comment, ward_event_create
from messaging.models import OutboundMessage

LANGUAGES = ["cy", "en"]


@pytest.fixture
def works(advisor, llanfair, cllr_jones, cllr_other) -> WardEvent:
    start = timezone.now() + timedelta(days=3)
    return ward_event_create(
        actor=advisor,
        wards=[llanfair],
        kind="planned_works",
        title_cy="Resurfacing Stryd Fawr",
        title_en="Resurfacing Stryd Fawr",
        location="Stryd Fawr, Llanfair",
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        responsible="Highways, Gareth Lloyd",
        effect_cy="The road is closed to traffic.",
        effect_en="The road is closed to traffic.",
    )


def lines(kind: str) -> int:
    return WardEventRecord.objects.filter(kind=kind).count()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_councillor_comments_from_their_calendar(client, works, cllr_jones, language):
    client.force_login(cllr_jones)
    calendar = client.get(f"/{language}/my-calendar/").content.decode()
    assert f'href="/{language}/my-calendar/{works.pk}/"' in calendar
    url = f"/{language}/my-calendar/{works.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Could work start after the school run?"})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "Could work start after the school run?" in page
    assert lines(EventRecordKind.COMMENT) == 1
    assert OutboundMessage.objects.filter(key__startswith="ward-event-comment:").count() == 1


@pytest.mark.parametrize(
    ("language", "error"),
    [("en", "Write your comment."), ("cy", "Ysgrifennwch eich sylw.")],
)
def test_an_empty_comment_is_refused_in_the_pages_language(
    client, works, cllr_jones, language, error
):
    client.force_login(cllr_jones)
    response = client.post(f"/{language}/my-calendar/{works.pk}/", {"text": "   "})
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and error in body
    assert lines(EventRecordKind.COMMENT) == 0


def test_another_wards_entry_is_not_found_for_reading_or_commenting(client, works, cllr_other):
    client.force_login(cllr_other)
    url = f"/en/my-calendar/{works.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Let me in"}).status_code == 404
    assert f"/my-calendar/{works.pk}/" not in client.get("/en/my-calendar/").content.decode()
    assert lines(EventRecordKind.COMMENT) == 0


@pytest.mark.parametrize("pk", ["999999", "0"])
def test_an_unknown_entry_is_not_found(client, works, cllr_jones, pk):
    client.force_login(cllr_jones)
    assert client.get(f"/en/my-calendar/{pk}/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_owning_officer_sees_and_answers_the_comment(
    client, works, cllr_jones, advisor, language
):
    comment = ward_event_comment(event=works, councillor=cllr_jones, text="After 9, please.")
    client.force_login(advisor)
    page = client.get(f"/{language}/members-calendar/{works.pk}/").content.decode()
    assert "After 9, please." in page and f'id="answer-{comment.pk}"' in page
    response = client.post(
        f"/{language}/members-calendar/{works.pk}/answer/",
        {"comment": comment.pk, "text": "Agreed: from 9:15."},
    )
    assert response.status_code == 302
    assert lines(EventRecordKind.ANSWER) == 1
    assert OutboundMessage.objects.filter(key__startswith="ward-event-answer:").count() == 1
    # The councillor reads the answer under their comment.
    client.force_login(cllr_jones)
    assert (
        "Agreed: from 9:15." in client.get(f"/{language}/my-calendar/{works.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    ("language", "error"),
    [("en", "Write your answer."), ("cy", "Ysgrifennwch eich ateb.")],
)
def test_an_empty_answer_is_refused_on_the_entrys_page(
    client, works, cllr_jones, advisor, language, error
):
    comment = ward_event_comment(event=works, councillor=cllr_jones, text="After 9, please.")
    client.force_login(advisor)
    response = client.post(
        f"/{language}/members-calendar/{works.pk}/answer/", {"comment": comment.pk, "text": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert error in body and f'href="#answer-{comment.pk}"' in body
    assert "<title>Error:" in body or "<title>Gwall:" in body
    assert lines(EventRecordKind.ANSWER) == 0


@pytest.mark.parametrize("comment", ["", "abc", "999999"])
def test_an_answer_to_no_comment_of_the_entry_is_refused(
    client, works, cllr_jones, advisor, comment
):
    ward_event_comment(event=works, councillor=cllr_jones, text="After 9, please.")
    recorded = WardEventRecord.objects.get(kind=EventRecordKind.RECORDED)
    client.force_login(advisor)
    for value in (comment, recorded.pk):
        response = client.post(
            f"/en/members-calendar/{works.pk}/answer/", {"comment": value, "text": "Hello"}
        )
        assert response.status_code == 400
        assert "Choose the comment you are answering." in response.content.decode()
    assert lines(EventRecordKind.ANSWER) == 0


def test_an_answer_by_an_officer_who_does_not_own_the_entry_is_forbidden(
    client, works, cllr_jones, team, administrator
):
    comment = ward_event_comment(event=works, councillor=cllr_jones, text="After 9, please.")
    for someone in (team.manager, administrator):
        client.force_login(someone)
        page = client.get(f"/en/members-calendar/{works.pk}/").content.decode()
        # Staff read the comments; only the owner is offered the answer form.
        assert "After 9, please." in page and f'id="answer-{comment.pk}"' not in page
        response = client.post(
            f"/en/members-calendar/{works.pk}/answer/",
            {"comment": comment.pk, "text": "Not mine to answer"},
        )
        assert response.status_code == 403
    # A councillor cannot answer either.
    client.force_login(cllr_jones)
    response = client.post(
        f"/en/members-calendar/{works.pk}/answer/", {"comment": comment.pk, "text": "Me?"}
    )
    assert response.status_code == 403
    assert lines(EventRecordKind.ANSWER) == 0


@pytest.mark.parametrize(
    ("language", "two", "one"),
    [
        ("en", "2 comments to answer", "1 comment to answer"),
        ("cy", "Sylwadau i'w hateb: 2", "1 sylw i'w ateb"),
    ],
)
def test_the_staff_calendar_shows_the_comments_waiting_for_an_answer(
    client, works, cllr_jones, advisor, language, two, one
):
    comment = ward_event_comment(event=works, councillor=cllr_jones, text="After 9, please.")
    ward_event_comment(event=works, councillor=cllr_jones, text="And the bins?")
    client.force_login(advisor)
    page = html.unescape(client.get(f"/{language}/members-calendar/").content.decode())
    assert two in page
    client.post(
        f"/{language}/members-calendar/{works.pk}/answer/",
        {"comment": comment.pk, "text": "Agreed."},
    )
    page = html.unescape(client.get(f"/{language}/members-calendar/").content.decode())
    assert one in page and two not in page
