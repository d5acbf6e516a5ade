"""A target's description is written from its milestone, rule and amount, in both languages
(standards/wording.py): it follows the target when an administrator changes it. The
expected texts are written out by hand; Welsh soft-mutates a noun after "2" ("2 ddiwrnod",
"2 funud", "2 fis")."""

import pytest
from django.utils import translation

from standards.wording import target_description

CASES = [
    # milestone, rule, amount, English, Welsh
    ("respond", "working_days", 10, "Respond within 10 working days",
     "Ymateb o fewn 10 diwrnod gwaith"),
    ("respond", "working_days", 12, "Respond within 12 working days",
     "Ymateb o fewn 12 diwrnod gwaith"),
    ("respond", "working_days", 1, "Respond within 1 working day",
     "Ymateb o fewn 1 diwrnod gwaith"),
    ("publish", "working_days", 2, "Publish in English within 2 working days",
     "Cyhoeddi yn Saesneg o fewn 2 ddiwrnod gwaith"),
    ("acknowledge", "hours", 24, "Acknowledge within 24 hours", "Cydnabod o fewn 24 awr"),
    ("acknowledge", "hours", 1, "Acknowledge within 1 hour", "Cydnabod o fewn 1 awr"),
    ("confirm", "hours", 24,
     "Confirm who will deal with the enquiry and when, within 24 hours",
     "Cadarnhau pwy fydd yn delio â'r ymholiad a phryd, o fewn 24 awr"),
    ("seen", "minutes_after_scheduled", 5,
     "See the customer within 5 minutes of the agreed time",
     "Gweld y cwsmer o fewn 5 munud i'r amser a gytunwyd"),
    ("arrive", "minutes_after_scheduled", 2, "Arrive within 2 minutes of the agreed time",
     "Cyrraedd o fewn 2 funud i'r amser a gytunwyd"),
    ("callback", "at_scheduled", None, "Call back at the agreed time",
     "Ffonio'n ôl ar yr amser a gytunwyd"),
    ("seen", "measured", None, "See the customer (measured, no deadline)",
     "Gweld y cwsmer (caiff ei fesur, heb derfyn amser)"),
    ("outcome", "working_days", 20, "Tell the customer the outcome within 20 working days",
     "Rhoi gwybod i'r cwsmer am y canlyniad o fewn 20 diwrnod gwaith"),
    ("contact", "calendar_months", 1, "Make contact within 1 calendar month",
     "Cysylltu â'r cwsmer o fewn 1 mis calendr"),
    ("resolve", "calendar_months", 2, "Resolve within 2 calendar months",
     "Datrys o fewn 2 fis calendr"),
    ("welsh_version", "working_days", 8, "Publish the Welsh version within 8 working days",
     "Cyhoeddi'r fersiwn Gymraeg o fewn 8 diwrnod gwaith"),
]  # fmt: skip


@pytest.mark.parametrize(("milestone", "rule", "amount", "english", "welsh"), CASES)
def test_the_description_in_both_languages(milestone, rule, amount, english, welsh):
    with translation.override("en"):
        assert target_description(milestone=milestone, rule=rule, amount=amount) == english
    with translation.override("cy"):
        assert target_description(milestone=milestone, rule=rule, amount=amount) == welsh


@pytest.mark.django_db
def test_the_description_follows_an_administrators_change_of_the_target():
    from standards.models import Target

    target = Target.objects.get(standard__code="LETTER", milestone="respond")
    with translation.override("en"):
        assert target.description == "Respond within 10 working days"
    Target.objects.filter(pk=target.pk).update(amount=12)
    target.refresh_from_db()
    with translation.override("en"):
        assert target.description == "Respond within 12 working days"
    with translation.override("cy"):
        assert target.description == "Ymateb o fewn 12 diwrnod gwaith"
