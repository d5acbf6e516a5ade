"""Residents respond without an account; where one response per person is asked, the e-mail's
link counts it; bad answers and closed consultations change nothing."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from channels_app.webforms import throttle
from consultations.models import Answer, Response, Way
from consultations.views.public import RESPONSES_PER_CLIENT
from messaging.models import OutboundMessage, Purpose
from tests.throttles import LOCAL

from .helpers import answers_post, consultation

pytestmark = pytest.mark.django_db


def _respond_url(made):
    return reverse("consultations:respond", args=[made.pk])


def test_the_list_shows_open_and_closed_consultations_not_drafts(client):
    today = timezone.localdate()
    consultation()
    closed = consultation(opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=2))
    closed.title_en = "Library hours"
    closed.save()
    draft = consultation(published=False)
    draft.title_en = "Secret plan"
    draft.save()
    page = client.get(reverse("consultations:list")).content.decode()
    assert "Bin collections" in page and "Library hours" in page
    assert "Secret plan" not in page
    assert client.get(reverse("consultations:consultation", args=[draft.pk])).status_code == 404


def test_a_response_without_the_email_check_counts_at_once(client):
    made = consultation()
    answer = client.post(_respond_url(made), answers_post(made))
    assert answer.status_code == 302
    response = Response.objects.get()
    assert response.confirmed_at is not None and response.way == Way.ONLINE
    assert response.language == "en" and response.person_digest == ""
    # Scale 4, one single choice, two multiple choices, one text.
    assert Answer.objects.filter(response=response).count() == 5
    assert "Response received" in client.get(answer["Location"]).content.decode()


def test_one_response_per_person_is_checked_by_email(client):
    made = consultation(one_per_person=True)
    data = {**answers_post(made), "email": "Ann@example.com"}
    client.post(_respond_url(made), data)
    response = Response.objects.get()
    assert response.confirmed_at is None
    message = OutboundMessage.objects.get(purpose=Purpose.CONSULTATION_CHECK)
    assert message.recipient == "Ann@example.com"
    assert response.token in message.body
    # The address is kept only in the message; the response holds a digest.
    assert "ann" not in response.person_digest.lower()
    link = reverse("consultations:confirm", args=[response.token])
    assert "@" not in link
    # A GET (a mail scanner) asks, and counts nothing.
    assert client.get(link).status_code == 200
    assert Response.objects.get().confirmed_at is None
    assert "Response counted" in client.post(link).content.decode()
    assert Response.objects.get().confirmed_at is not None
    # The same link again: used.
    assert client.post(link).status_code == 404
    # The same person again (another case of the address): not counted twice.
    client.post(_respond_url(made), {**answers_post(made), "email": "ann@EXAMPLE.com "})
    second = Response.objects.exclude(pk=response.pk).get()
    page = client.post(reverse("consultations:confirm", args=[second.token])).content.decode()
    assert "You have already responded" in page
    assert Response.objects.filter(consultation=made).count() == 1


def test_the_email_is_required_where_one_response_per_person_is_asked(client):
    made = consultation(one_per_person=True)
    answer = client.post(_respond_url(made), answers_post(made))
    assert answer.status_code == 400
    assert "Enter your e-mail address so we can check it is you." in answer.content.decode()
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"scale": ""}, "Answer this question."),
        ({"scale": "9"}, "Choose a number from 1 to 5."),
        ({"scale": "<b>"}, "Choose one of the numbers on the scale."),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(client, change, message):
    made = consultation()
    answer = client.post(_respond_url(made), answers_post(made, **change))
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_choice_from_another_question_is_refused(client):
    made = consultation()
    data = answers_post(made)
    single = made.questions.get(kind="single")
    data[single.field_name] = "999999"
    answer = client.post(_respond_url(made), data)
    assert answer.status_code == 400
    assert "Choose one of the options." in answer.content.decode()
    assert not Response.objects.exists()


def test_an_answer_to_a_closed_consultation_changes_nothing(client):
    today = timezone.localdate()
    made = consultation(opens_on=today - timedelta(days=9), closes_on=today - timedelta(days=1))
    answer = client.post(_respond_url(made), answers_post(made))
    assert answer.status_code == 400
    assert "it no longer takes responses" in answer.content.decode()
    assert not Response.objects.exists()


def test_errors_are_in_welsh_on_the_welsh_page(client):
    made = consultation()
    with translation.override("cy"):
        url = _respond_url(made)
    answer = client.post(url, answers_post(made, scale="9"))
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Dewiswch rif o 1 i 5." in page
    assert (
        "I ba raddau ydych chi&#x27;n cytuno?" in page or "I ba raddau ydych chi'n cytuno?" in page
    )


def test_nothing_a_resident_sends_gives_a_500(client):
    made = consultation()
    q = made.questions.get(kind="multiple")
    for data in (
        {q.field_name: ["x" * 50, "\x00"]},
        {"ward": "not-a-ward"},
        {"ward": "99999999999999999999"},
        {q.field_name: "1" * 40},
    ):
        assert client.post(_respond_url(made), data).status_code == 400
    assert client.post("/en/consultations/confirm/" + "a" * 43 + "/").status_code == 404
    assert not Response.objects.exists()


def test_a_flood_of_responses_from_one_address_is_slowed(client):
    made = consultation()
    cache.set(throttle._key(RESPONSES_PER_CLIENT, LOCAL), RESPONSES_PER_CLIENT.allowed, 60)
    answer = client.post(_respond_url(made), answers_post(made))
    assert answer.status_code == 429
    assert not Response.objects.exists()
