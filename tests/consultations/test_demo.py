"""The demo shows one open consultation with responses and one closed with its outcome, and
can be loaded twice."""

import pytest
from django.utils import timezone

from accounts.models import Role
from complaints.outcomes import published_outcomes
from consultations.models import Consultation, Response
from consultations.selectors import consultation_phase
from councillors.models import Ward
from demo.consultations import seed_consultations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_and_a_closed_consultation():
    manager = UserFactory(username="manager", role=Role.MANAGER)
    Ward.objects.create(code="canol-y-dref", name="Canol y Dref")
    Ward.objects.create(code="glan-yr-afon", name="Glan yr Afon")
    now = timezone.now()
    seed_consultations(now=now)
    seed_consultations(now=now)
    phases = sorted(consultation_phase(c, now=now) for c in Consultation.objects.all())
    assert phases == ["closed", "open"]
    assert Response.objects.filter(way="online").count() == 20
    assert Response.objects.count() == 46
    assert manager.role == "manager"  # who runs consultations (consultations/access.py)
    assert [o.title for o in published_outcomes(limit=5)] == ["Library opening hours"]
