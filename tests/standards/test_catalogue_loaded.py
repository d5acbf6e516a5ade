"""The data migration loads the whole catalogue, in both languages, editable as data."""

import pytest
from django.utils import translation

from standards.models import Behaviour, BusinessHours, Standard, Target

pytestmark = pytest.mark.django_db


def test_every_standard_behaviour_and_target_of_the_document_is_loaded():
    # The complaints app adds the model policy's stage timescales as two standards of its own,
    # and the subject access request's statutory month is one of the law's (docs/adr/0031).
    document = Standard.objects.exclude(code__startswith="COMPLAINT_STAGE_").exclude(
        code="SUBJECT_ACCESS"
    )
    assert (
        document.count(),
        Behaviour.objects.filter(standard__in=document).count(),
        Target.objects.filter(standard__in=document).count(),
    ) == (33, 97, 20)


def test_the_complaint_stage_standards_are_never_given_to_new_cases():
    stages = Standard.objects.filter(code__startswith="COMPLAINT_STAGE_")
    assert sorted(stages.values_list("code", "selectable")) == [
        ("COMPLAINT_STAGE_1", False),
        ("COMPLAINT_STAGE_2", False),
    ]


def test_texts_come_in_the_active_language():
    standard = Standard.objects.get(code="EMAIL_DEPARTMENT")
    with translation.override("en"):
        assert standard.event == "E-mails a department"
    with translation.override("cy"):
        assert standard.event == standard.event_cy
        assert standard.event_cy != standard.event_en


def test_the_targets_match_the_standards_document():
    targets = {
        (t.standard.code, t.milestone): (t.rule, t.amount)
        for t in Target.objects.select_related("standard")
    }
    assert targets[("EMAIL_DEPARTMENT", "acknowledge")] == ("hours", 24)
    assert targets[("EMAIL_DEPARTMENT", "respond")] == ("working_days", 10)
    assert targets[("PHONE_VOICEMAIL", "acknowledge")] == ("working_days", 1)
    assert targets[("VISIT_APPOINTMENT", "seen")] == ("minutes_after_scheduled", 5)
    assert targets[("COMPLAINT", "contact")] == ("working_days", 10)
    assert targets[("FEEDBACK", "outcome")] == ("working_days", 20)
    assert targets[("COUNCILLOR_ENQUIRY", "respond")] == ("working_days", 10)


def test_default_business_hours_are_nine_to_five():
    hours = BusinessHours.objects.get()
    assert (hours.opens.hour, hours.closes.hour) == (9, 17)
