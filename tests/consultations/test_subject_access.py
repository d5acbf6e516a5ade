"""A subject access request finds the consultation responses given under the person's e-mail
address (where one response per person was asked, only its digest is kept)."""

import pytest
from django.urls import reverse

from accounts.models import Role
from consultations.models import Answer, Response
from contacts.models import Customer
from dataprotection.selectors import person_records
from dataprotection.services.erasure import customer_erase
from tests.factories import UserFactory

from .helpers import answers_post, consultation

pytestmark = pytest.mark.django_db


def test_the_responses_given_under_the_persons_address_are_found(client):
    made = consultation(one_per_person=True)
    url = reverse("consultations:respond", args=[made.pk])
    client.post(url, {**answers_post(made, text="My street floods"), "email": "Ann@Example.com"})
    client.post(url, {**answers_post(made), "email": "someone.else@example.com"})
    ann = Customer.objects.create(name="Ann", email="ann@example.com")
    nobody = Customer.objects.create(name="Bob")
    records = person_records(customer_ids=[ann.pk, nobody.pk])
    assert len(records.consultation_responses) == 1
    assert "My street floods" in [a.text for a in records.consultation_answers]
    assert person_records(customer_ids=[nobody.pk]).consultation_responses == []


def test_erasing_the_person_anonymises_their_responses(client):
    made = consultation(one_per_person=True)
    url = reverse("consultations:respond", args=[made.pk])
    client.post(url, {**answers_post(made, text="I live at 3 High St"), "email": "ann@example.com"})
    client.post(reverse("consultations:confirm", args=[Response.objects.get().token]))
    client.post(url, {**answers_post(made), "email": "ann@example.com"})  # never confirmed
    ann = Customer.objects.create(name="Ann", email="Ann@example.com")
    customer_erase(customer_id=ann.pk, reason="Asked", by=UserFactory(role=Role.ADMINISTRATOR))
    kept = Response.objects.get()
    assert kept.confirmed_at is not None and kept.person_digest == "" and kept.token is None
    assert not Answer.objects.exclude(text="").exists()
    # The value, the choices (two ticked) and the emptied text stay: the counts hold.
    assert Answer.objects.filter(response=kept).count() == 5
