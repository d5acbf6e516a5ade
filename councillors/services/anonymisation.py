"""Taking the personal data out of a batch of cases' member enquiry records (docs/adr/0030):
who is responsible, what and why go; the ward, on whose behalf (resident, business...),
the kinds and dates stay."""

from collections.abc import Sequence

from councillors.models import EnquiryUpdate


def case_member_records_anonymise(*, case_ids: Sequence[int]) -> None:
    EnquiryUpdate.objects.filter(case_id__in=list(case_ids)).update(responsible="", what="", why="")
