"""Writes of case attachments: files checked by their content, stored outside the web root.

A file is accepted only when its bytes are one of the types councils receive (PDF, JPEG, PNG,
TIFF, plain text, Word and OpenDocument text, RTF) and its name's extension agrees with them:
an HTML page renamed ``letter.pdf`` is refused, since a browser that sniffed it could run it.
Files are stored under MEDIA_ROOT by a random name (no URL serves MEDIA_ROOT) and downloaded only
through the case's attachment view.
"""

import os
import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError

from .models import Attachment, Case

#: content type → the extensions a file of that type may carry.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": ("pdf",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/tiff": ("tif", "tiff"),
    "text/plain": ("txt",),
    "application/msword": ("doc",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/rtf": ("rtf",),
}
#: What the form's file input suggests to the browser's file picker (the server decides).
ACCEPT = ",".join(f".{ext}" for exts in ALLOWED_TYPES.values() for ext in exts)
#: filetype's names for RTF differ from the registered type.
_DETECTED_ALIASES = {"text/rtf": "application/rtf"}
#: Bytes that mark a "text" file as markup a browser would render or run.
_MARKUP = re.compile(
    rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|\?xml)", re.IGNORECASE
)
_UNSAFE_NAME_CHARACTERS = re.compile(r"[^\w .()-]+")
MAX_NAME_LENGTH = 120


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    filename: str  # sanitised, for showing and for the download's name
    content_type: str
    extension: str
    size: int


def filename_sanitise(name: str) -> str:
    """A name safe to show and to offer as a download: no directories, control characters or
    shell and markup characters; Welsh letters (ŵ, ŷ, â...) kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE_NAME_CHARACTERS.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = extension.lower()[:10]
    stem = stem.strip(" .")[: MAX_NAME_LENGTH - len(extension) - 1] or _("attachment")
    return f"{stem}.{extension}" if extension else stem


def _content_type(upload: UploadedFile) -> str | None:
    """The type the file's bytes say it is, if it is one we accept."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        detected = _DETECTED_ALIASES.get(kind.mime, kind.mime)
        return detected if detected in ALLOWED_TYPES else None
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data or _MARKUP.search(data):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def attachments_check(
    *, files: Sequence[UploadedFile], existing_bytes: int = 0, existing_count: int = 0
) -> list[CheckedFile]:
    """The files checked against the limits and the allowed types.

    Raises ``ValidationError`` (under ``attachments``) naming every file refused and why."""
    max_bytes = settings.ATTACHMENT_MAX_BYTES
    max_case_bytes = settings.ATTACHMENT_MAX_CASE_BYTES
    max_files = settings.ATTACHMENT_MAX_FILES
    errors: list[str] = []
    checked: list[CheckedFile] = []
    if existing_count + len(files) > max_files:
        errors.append(_("A case can have at most %(count)s attachments.") % {"count": max_files})
    for upload in files:
        filename = filename_sanitise(upload.name or "")
        size = upload.size or 0
        if size == 0:
            errors.append(_("%(name)s is empty.") % {"name": filename})
            continue
        if size > max_bytes:
            errors.append(
                _("%(name)s must be smaller than %(limit)s.")
                % {"name": filename, "limit": filesizeformat(max_bytes)}
            )
            continue
        content_type = _content_type(upload)
        extension = filename.rpartition(".")[2] if "." in filename else ""
        if content_type is None or extension not in ALLOWED_TYPES[content_type]:
            errors.append(
                _(
                    "%(name)s must be a PDF, JPEG, PNG, TIFF, plain text, Word, OpenDocument "
                    "or RTF file."
                )
                % {"name": filename}
            )
            continue
        checked.append(CheckedFile(upload, filename, content_type, extension, size))
    total = existing_bytes + sum(f.size for f in checked)
    if not errors and total > max_case_bytes:
        errors.append(
            _("The attachments of a case must come to less than %(limit)s in all.")
            % {"limit": filesizeformat(max_case_bytes)}
        )
    if errors:
        raise ServiceError({"attachments": errors})
    return checked


def attachments_add(
    *, case: Case, files: Sequence[UploadedFile], actor: User | None
) -> list[Attachment]:
    """Store ``files`` as attachments of ``case``. Call inside the transaction that makes the
    case (or holds its lock): the limits per case count what is already stored.

    Nothing is kept when any file is refused."""
    if not files:
        return []
    existing = Attachment.objects.filter(case=case).aggregate(total=Sum("size"), count=Count("id"))
    checked = attachments_check(
        files=files, existing_bytes=existing["total"] or 0, existing_count=existing["count"]
    )
    saved_names: list[str] = []
    stored: list[Attachment] = []
    try:
        for item in checked:
            attachment = Attachment(
                case=case,
                filename=item.filename,
                content_type=item.content_type,
                size=item.size,
                uploaded_by=actor,
            )
            # The stored name is ours, not the sender's: nothing they choose reaches the disk.
            item.upload.seek(0)
            attachment.file.save(f"{uuid.uuid4().hex}.{item.extension}", item.upload, save=False)
            saved_names.append(attachment.file.name)
            attachment.save(force_insert=True)
            stored.append(attachment)
    except Exception:
        for name in saved_names:
            Attachment._meta.get_field("file").storage.delete(name)
        raise
    return stored


def attachments_discard(attachments: Sequence[Attachment]) -> None:
    """Remove the stored files of attachments whose transaction was rolled back."""
    for attachment in attachments:
        attachment.file.storage.delete(attachment.file.name)


def attachment_file_exists(attachment: Attachment) -> bool:
    return bool(attachment.file.name) and os.path.exists(attachment.file.path)
