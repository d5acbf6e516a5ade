"""The jobs: ward councillors told once when a consultation opens; responses anonymised after
the retention period. Both safe to run twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from consultations.models import Answer, Consultation, Response
from consultations.notices import openings_tell
from consultations.retention import responses_anonymise
from councillors.models import Ward
from messaging.models import OutboundMessage, Purpose
from tests.factories import UserFactory

from .helpers import consultation

pytestmark = pytest.mark.django_db


def test_ward_councillors_are_told_once_when_it_opens():
    today = timezone.localdate()
    ward = Ward.objects.create(code="aber", name="Aber")
    other = Ward.objects.create(code="bont", name="Bont")
    member = UserFactory(role=Role.COUNCILLOR, email="cllr@example.org", preferred_language="cy")
    elsewhere = UserFactory(role=Role.COUNCILLOR, email="other@example.org")
    ward.councillors.add(member)
    other.councillors.add(elsewhere)
    coming = consultation(opens_on=today + timedelta(days=3), wards=[ward])
    made = consultation(wards=[ward])
    now = timezone.now()
    assert openings_tell(now=now) == 1
    assert openings_tell(now=now) == 0
    message = OutboundMessage.objects.get(purpose=Purpose.MEMBER_NOTICE)
    assert message.recipient == "cllr@example.org" and message.language == "cy"
    assert "Casgliadau biniau" in message.subject
    assert f"/cy/consultations/{made.pk}/" in message.body
    coming.refresh_from_db()
    assert coming.councillors_told_at is None


def test_responses_are_anonymised_after_the_retention_period(settings, client):
    settings.CONSULTATION_RESPONSE_RETENTION_DAYS = 30
    made = consultation(one_per_person=True)
    now = timezone.now()
    Response.objects.create(
        consultation=made,
        language="en",
        way="online",
        submitted_at=now,
        confirmed_at=now,
        person_digest="a" * 64,
    )
    kept = Response.objects.get()
    text = made.questions.get(kind="text")
    Answer.objects.create(response=kept, question=text, text="I am Ann at 3 High St")
    Response.objects.create(
        consultation=made,
        language="en",
        way="online",
        submitted_at=now,
        token="t" * 43,
        person_digest="b" * 64,
    )
    assert responses_anonymise(now=now) == 0
    today = timezone.localdate()
    Consultation.objects.filter(pk=made.pk).update(
        opens_on=today - timedelta(days=60), closes_on=today - timedelta(days=31)
    )
    assert responses_anonymise(now=now) == 1
    assert responses_anonymise(now=now) == 0
    assert list(Response.objects.values_list("pk", "person_digest", "token")) == [
        (kept.pk, "", None)
    ]
    assert Answer.objects.get().text == ""
