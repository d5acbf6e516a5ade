"""What publishing is told by ``contacts`` (registered in ``PublishingConfig.ready``)."""

from datetime import datetime

from accounts.models import User
from contacts.models import Case, CaseKind
from contacts.policies import PUBLISHED_KINDS

from .models import PublicationRequest


def on_case_created(*, case: Case, actor: User | None, now: datetime, rules_version: str) -> None:
    """Every web change has its request, however it came (the API too), so that it is in the
    web team's queue and can be published: the page and the change are the case's summary
    and description until the staff pages' services say more."""
    if case.kind in PUBLISHED_KINDS:
        PublicationRequest.objects.get_or_create(
            case=case,
            defaults={
                "emergency": case.kind == CaseKind.EMERGENCY_INFORMATION,
                "page": case.summary,
                "change": case.description or case.summary,
            },
        )
