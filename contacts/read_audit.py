"""What the audit of reads asks of cases (``audit.hooks``; the audit sits below ``contacts``,
ADR 0015, and stores case ids): their references, and a reference's case. Both name any case,
whoever may see it: the audit's readers see who read what, never the case itself."""

from collections.abc import Collection

from .models import Case


def case_references(case_ids: Collection[int], /) -> dict[int, str]:
    return dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "reference"))


def case_id_of(reference: str, /) -> int | None:
    return Case.objects.filter(reference=reference).values_list("pk", flat=True).first()
