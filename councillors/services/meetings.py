"""Clerks of town and community councils record their council's meetings and attach the
agenda, minutes and papers; the county councillors of the council's wards are sent a link."""

import uuid
from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from common.errors import ServiceError
from contacts.attachments import attachments_check

from .. import selectors
from ..models import CommunityCouncil, CouncilMeeting, MeetingPaper, PaperKind
from ..notices import meeting_paper_notices_owe


def is_clerk_of(user: User, council_id: int) -> bool:
    return (
        user.is_active
        and user.role == Role.CLERK
        and CommunityCouncil.objects.filter(pk=council_id, clerks=user).exists()
    )


@transaction.atomic
def council_meeting_create(
    *,
    clerk: User,
    council: CommunityCouncil,
    held_on: date,
    title: str,
) -> CouncilMeeting:
    """A meeting of the clerk's own council, to attach its papers to."""
    if not is_clerk_of(clerk, council.pk):
        raise ServiceError({"council": _("Choose the council you are the clerk of.")})
    title = title.strip()
    if not title:
        raise ServiceError({"title": _("Enter the name of the meeting.")})
    return CouncilMeeting.objects.create(
        council=council, held_on=held_on, title=title, created_by=clerk
    )


def meeting_paper_add(
    *,
    meeting: CouncilMeeting,
    clerk: User,
    kind: str,
    upload: UploadedFile,
    now: datetime | None = None,
) -> MeetingPaper:
    """Attach an agenda, minutes or papers to the meeting and owe the county councillors of
    its council's wards a link to it. The file is checked as a case attachment is (its type by
    its bytes, its size); a refused file changes nothing."""
    now = now or timezone.now()
    if not is_clerk_of(clerk, meeting.council_id):
        raise PermissionError("Only the council's clerks attach its papers")
    if kind not in PaperKind.values:
        raise ServiceError({"kind": _("Choose what the document is.")})
    try:
        checked = attachments_check(files=[upload])[0]
    except ServiceError as error:
        # The case attachments' checks speak of "attachments"; here it is the one file.
        raise ServiceError({"file": error.fields.get("attachments", [])}) from error
    paper = MeetingPaper(
        meeting=meeting,
        kind=kind,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=clerk,
        created_at=now,
    )
    checked.upload.seek(0)
    paper.file.save(f"{uuid.uuid4().hex}.{checked.extension}", checked.upload, save=False)
    try:
        with transaction.atomic():
            paper.save(force_insert=True)
            meeting_paper_notices_owe(
                paper=paper,
                recipients=selectors.meeting_councillors(meeting=meeting),
                now=now,
            )
    except Exception:
        if paper.file.name:
            paper.file.storage.delete(paper.file.name)
        raise
    return paper
