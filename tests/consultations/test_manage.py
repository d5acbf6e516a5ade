"""Officers run consultations on the staff pages: only staff given the permission; a
consultation closing before it opens is refused; responses taken another way are marked so."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from complaints.outcomes import published_outcomes
from consultations.models import Consultation, Response, Way
from councillors.models import Ward
from tests.factories import UserFactory

from .helpers import answers_post, consultation, officer

pytestmark = pytest.mark.django_db


def _form(**changes) -> dict:
    today = timezone.localdate()
    data = {
        "title_cy": "Oriau llyfrgelloedd",
        "title_en": "Library hours",
        "why_cy": "Cyllideb",
        "why_en": "Budget",
        "proposal_cy": "Cau ar ddydd Llun",
        "proposal_en": "Close on Mondays",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=28)).isoformat(),
        "alternatives": ["paper", "large_print"],
    }
    data.update(changes)
    return data


def test_only_managers_and_administrators_run_consultations(client):
    client.force_login(UserFactory(role=Role.ADVISOR))
    assert client.get(reverse("consultations:staff-list")).status_code == 403
    client.force_login(officer())
    assert client.get(reverse("consultations:staff-list")).status_code == 200
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    assert client.get(reverse("consultations:staff-list")).status_code == 200
    client.force_login(UserFactory(role=Role.COUNCILLOR))
    assert client.get(reverse("consultations:staff-list")).status_code == 403


def test_an_officer_creates_a_consultation_in_both_languages(client):
    client.force_login(officer())
    ward = Ward.objects.create(code="aber", name="Aber")
    answer = client.post(reverse("consultations:new"), _form(wards=[ward.pk]))
    assert answer.status_code == 302
    made = Consultation.objects.get()
    assert (made.title_cy, made.title_en) == ("Oriau llyfrgelloedd", "Library hours")
    assert made.alternatives == ["paper", "large_print"]
    assert list(made.wards.all()) == [ward]


def test_a_consultation_closing_before_it_opens_is_refused(client):
    client.force_login(officer())
    today = timezone.localdate()
    answer = client.post(
        reverse("consultations:new"),
        _form(closes_on=(today - timedelta(days=1)).isoformat()),
    )
    assert answer.status_code == 200
    assert "The closing date must be on or after the opening date." in answer.content.decode()
    assert not Consultation.objects.exists()


def test_questions_are_added_and_the_consultation_published(client):
    user = officer()
    client.force_login(user)
    client.post(reverse("consultations:new"), _form())
    made = Consultation.objects.get()
    # Publishing without questions is refused.
    client.post(reverse("consultations:publish", args=[made.pk]))
    made.refresh_from_db()
    assert made.published_at is None
    answer = client.post(
        reverse("consultations:question-new", args=[made.pk]),
        {
            "kind": "single",
            "text_cy": "Pa ddiwrnod?",
            "text_en": "Which day?",
            "choices_cy": "Llun\nGwener",
            "choices_en": "Monday\nFriday\nSunday",
        },
    )
    assert "Give each choice in both languages" in answer.content.decode()
    client.post(
        reverse("consultations:question-new", args=[made.pk]),
        {
            "kind": "single",
            "text_cy": "Pa ddiwrnod?",
            "text_en": "Which day?",
            "choices_cy": "Llun\nGwener",
            "choices_en": "Monday\nFriday",
        },
    )
    assert made.questions.get().choices.count() == 2
    client.post(reverse("consultations:publish", args=[made.pk]))
    made.refresh_from_db()
    assert made.published_at is not None and made.published_by == user


def test_staff_enter_a_response_marked_with_the_way_it_came(client):
    user = officer()
    client.force_login(user)
    made = consultation()
    data = {
        **answers_post(made),
        "way": "bsl",
        "language": "cy",
        "received_on": timezone.localdate().isoformat(),
    }
    assert (
        client.post(reverse("consultations:response-new", args=[made.pk]), data).status_code == 302
    )
    response = Response.objects.get()
    assert (response.way, response.language, response.entered_by) == (Way.BSL, "cy", user)
    assert response.confirmed_at is not None
    # "Online" is the resident's own way: not one staff can enter.
    data["way"] = "online"
    assert (
        client.post(reverse("consultations:response-new", args=[made.pk]), data).status_code == 400
    )
    assert Response.objects.count() == 1


def test_the_outcome_is_published_after_closing_and_linked_from_you_said_we_did(client):
    client.force_login(officer())
    made = consultation()
    texts = {
        f"{field}_{code}": f"{field} {code}"
        for field in ("what_we_asked", "what_we_found", "what_difference")
        for code in ("cy", "en")
    }
    url = reverse("consultations:outcome-publish", args=[made.pk])
    answer = client.post(url, texts)
    assert "once the consultation has closed" in answer.content.decode()
    made.refresh_from_db()
    assert made.outcome_published_at is None
    today = timezone.localdate()
    Consultation.objects.filter(pk=made.pk).update(
        opens_on=today - timedelta(days=20), closes_on=today - timedelta(days=1)
    )
    answer = client.post(url, {**texts, "what_we_found_cy": ""})
    assert answer.status_code == 200 and "Write this in both languages." in answer.content.decode()
    assert client.post(url, texts).status_code == 302
    made.refresh_from_db()
    assert made.what_we_found_cy == "what_we_found cy"
    client.logout()
    page = client.get(reverse("complaints:you-said-we-did")).content.decode()
    outcome_url = reverse("consultations:outcome", args=[made.pk])
    assert outcome_url in page and "Bin collections" in page
    assert "what_difference en" in client.get(outcome_url).content.decode()
    assert [o.url for o in published_outcomes(limit=5)] == [outcome_url]


def test_once_responses_are_taken_the_questions_and_the_email_check_stay(client):
    client.force_login(officer())
    made = consultation()
    client.post(reverse("consultations:respond", args=[made.pk]), answers_post(made))
    question = made.questions.first()
    client.post(reverse("consultations:question-remove", args=[made.pk, question.pk]))
    assert made.questions.count() == 4
    answer = client.post(
        reverse("consultations:change", args=[made.pk]),
        _form(one_per_person="on", opens_on=made.opens_on.isoformat()),
    )
    assert "Responses are already being taken" in answer.content.decode()
    made.refresh_from_db()
    assert not made.one_per_person and made.title_en == "Bin collections"


def test_the_staff_pages_refuse_bad_input_without_a_500(client):
    client.force_login(officer())
    made = consultation()
    for url, data in (
        (reverse("consultations:new"), {"opens_on": "2026-02-30", "alternatives": ["smoke"]}),
        (
            reverse("consultations:question-new", args=[made.pk]),
            {"kind": "scale", "scale_min": "x"},
        ),
        (reverse("consultations:response-new", args=[made.pk]), {"received_on": "2999-01-01"}),
        (reverse("consultations:outcome-publish", args=[made.pk]), {}),
        (reverse("consultations:theme-new", args=[made.pk]), {"name": "\x00"}),
    ):
        assert client.post(url, data).status_code in (200, 302, 400), url
    assert Response.objects.count() == 0
    assert Consultation.objects.count() == 1
