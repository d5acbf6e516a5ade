import io

import pytest
from django.core.management import call_command

from complaints.models import Complaint, Compliment, Feedback
from contacts.selectors import case_visible_to

pytestmark = pytest.mark.django_db


def counts():
    return (
        Complaint.objects.count(),
        Compliment.objects.count(),
        Feedback.objects.filter(published=True).count(),
    )


def test_the_demo_has_a_recorded_complaint_a_compliment_and_published_feedback(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("seed_demo", allow_server_database=True, stdout=io.StringIO())
    assert counts() == (1, 1, 1)
    call_command("seed_demo", allow_server_database=True, stdout=io.StringIO())
    assert counts() == (1, 1, 1)
    complaint = Complaint.objects.select_related("case").get()
    named = complaint.officers_complained_about.get()
    assert named.username == "advisor-waste"
    assert not case_visible_to(named).filter(pk=complaint.case_id).exists()
