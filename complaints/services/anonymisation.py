"""Taking the personal data out of a batch of cases' complaint records (docs/adr/0030): the
words about the person go (why late, on whose behalf, consent, why stage 2, the remedy, the
actions' descriptions, a compliment's sender and words, why signposted); the stage, category,
outcome, band, dates and the published "you said, we did" stay, which is what the quarterly
report counts."""

from collections.abc import Sequence

from complaints.models import Complaint, ComplaintAction, Compliment, Feedback, Signposting


def case_complaint_records_anonymise(*, case_ids: Sequence[int]) -> None:
    ids = list(case_ids)
    Complaint.objects.filter(case_id__in=ids).update(
        late_reason="", on_behalf_of="", consent_note="", stage2_reason="", remedy=""
    )
    ComplaintAction.objects.filter(complaint__case_id__in=ids).update(description="")
    Compliment.objects.filter(case_id__in=ids).update(from_name="", text="")
    Feedback.objects.filter(case_id__in=ids).update(outcome="")
    Signposting.objects.filter(case_id__in=ids).update(reason="")
