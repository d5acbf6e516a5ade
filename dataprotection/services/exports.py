"""Producing a subject access request's export, and deleting it when its time is up
(docs/adr/0031)."""

import uuid
from dataclasses import asdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError
from contacts.models import Case

from ..encryption import encrypt
from ..export.archive import archive_bytes, third_party_findings
from ..export.letter import GROUPS
from ..models import SubjectAccessExport
from ..selectors import person_records, possible_records
from .requests import is_request


def export_days() -> int:
    return int(str(settings.CYSWLLT.get("SAR_EXPORT_DAYS", 30)))


def confirmed_records(*, case: Case, customer_ids: list[int]) -> list[int]:
    """The records the officer confirmed are the requester: theirs, and only others found as
    possibly them. Anything else is refused."""
    if not is_request(case):
        raise ServiceError({"case": _("This case is not a subject access request.")})
    if case.customer is None:
        raise ServiceError(
            {"customers": _("Record who made the request on the case before looking for them.")}
        )
    found = {match.customer.pk for match in possible_records(customer=case.customer)}
    chosen = set(customer_ids) | {case.customer.pk}
    if not chosen <= found:
        raise ServiceError({"customers": _("Choose only records found for this person.")})
    return sorted(chosen)


@transaction.atomic
def export_produce(
    *, case: Case, customer_ids: list[int], actor: User | None, now: datetime | None = None
) -> SubjectAccessExport:
    """Everything held about the requester as an encrypted zip, kept ``SAR_EXPORT_DAYS``."""
    now = now or timezone.now()
    ids = confirmed_records(case=case, customer_ids=customer_ids)
    records = person_records(customer_ids=ids)
    data = encrypt(archive_bytes(case=case, records=records, dated=now))
    export = SubjectAccessExport(
        case=case,
        created_at=now,
        created_by=actor,
        expires_at=now + timedelta(days=export_days()),
        customer_ids=ids,
        third_parties=[asdict(finding) for finding in third_party_findings(records)],
        counts={name: len(getattr(records, name)) for name, _label in GROUPS},
        size=len(data),
    )
    export.archive.save(f"{uuid.uuid4().hex}.zip.fernet", ContentFile(data), save=False)
    # The file is written before the row: if the row fails, the purge cannot find the file,
    # so remove it here rather than leave an orphan.
    try:
        export.save(force_insert=True)
    except Exception:
        if export.archive.name:
            default_storage.delete(export.archive.name)
        raise
    return export


def exports_purge(*, now: datetime, batch: int = 500) -> int:
    """Delete the exports whose time is up, files first; safe to run twice or at once (a file
    already gone is no error, and each row is deleted by its id). Returns how many."""
    deleted = 0
    while True:
        due = list(
            SubjectAccessExport.objects.filter(expires_at__lte=now).values_list("pk", "archive")[
                :batch
            ]
        )
        if not due:
            return deleted
        for _pk, name in due:
            if name:
                default_storage.delete(name)
        deleted += SubjectAccessExport.objects.filter(pk__in=[pk for pk, _name in due]).delete()[0]
