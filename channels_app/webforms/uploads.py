"""Files a resident adds to a contact form, kept until the form is sent.

They are checked as they arrive, with the staff workspace's rules (``contacts.attachments``:
types read from the content, the same size and count limits), and stored under
``pending/<journey token>/`` by a random name; the session lists them. Sending the form makes
them the case's attachments. A journey never sent leaves its files behind: the beat job
``pending_uploads_purge`` removes them after a day.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypedDict

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

from contacts.attachments import attachments_add, attachments_check
from contacts.models import Attachment, Case

PENDING = "pending"
#: A journey left this long is abandoned: a session lasts less.
KEEP_FOR = timedelta(days=1)


class StagedFile(TypedDict):
    name: str  # sanitised, as the resident sees it
    stored: str  # the storage's name, ours
    size: int


def uploads_stage(
    *, token: str, files: Sequence[UploadedFile], staged: Sequence[StagedFile]
) -> list[StagedFile]:
    """Check ``files`` against the limits (counting what the journey already holds) and keep
    them. Raises ``ValidationError`` under ``attachments``; nothing is kept then."""
    checked = attachments_check(
        files=files,
        existing_bytes=sum(item["size"] for item in staged),
        existing_count=len(staged),
    )
    kept: list[StagedFile] = []
    for item in checked:
        item.upload.seek(0)
        stored = default_storage.save(
            f"{PENDING}/{token}/{uuid.uuid4().hex}.{item.extension}", item.upload
        )
        kept.append(StagedFile(name=item.filename, stored=stored, size=item.size))
    return kept


def upload_discard(item: StagedFile) -> None:
    if item["stored"].startswith(f"{PENDING}/"):
        default_storage.delete(item["stored"])


def uploads_attach(*, case: Case, staged: Sequence[StagedFile]) -> list[Attachment]:
    """Make the journey's files attachments of ``case`` (inside the transaction that made it),
    then let go of the staged copies. Files gone from the staging area (purged, or removed by
    another tab) are skipped: the case matters more than one lost upload."""
    present = [item for item in staged if default_storage.exists(item["stored"])]
    handles = [default_storage.open(item["stored"], "rb") for item in present]
    try:
        attached = attachments_add(
            case=case,
            files=[
                File(handle, name=item["name"])
                for handle, item in zip(handles, present, strict=True)
            ],
            actor=None,
        )
    finally:
        for handle in handles:
            handle.close()
    for item in present:
        upload_discard(item)
    return attached


def pending_uploads_purge(*, now: datetime) -> int:
    """Remove staged files older than ``KEEP_FOR``. Safe to run twice or at once: a file
    already gone is simply not there."""
    removed = 0
    try:
        journeys, _files = default_storage.listdir(PENDING)
    except FileNotFoundError:
        return 0
    for journey in journeys:
        folder = f"{PENDING}/{journey}"
        _dirs, names = default_storage.listdir(folder)
        for name in names:
            path = f"{folder}/{name}"
            try:
                if now - default_storage.get_modified_time(path) > KEEP_FOR:
                    default_storage.delete(path)
                    removed += 1
            except FileNotFoundError:
                continue
    return removed
