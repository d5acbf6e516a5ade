"""A case's attachments: adding files to a case, and downloading them safely.

Downloads always come as attachments, with the type stored when the file's content was checked
and ``nosniff``, so no browser renders an uploaded file as a page of this site.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import signed_in
from audit import reads
from audit.models import ReadPath
from common.errors import add_service_error

from .. import policies, selectors
from ..attachments import (
    ALLOWED_TYPES,
    attachment_file_exists,
    attachments_add,
    attachments_discard,
)
from ..forms.attachments import AttachmentForm
from ..models import Case

#: Never rendered by a browser, even one that ignored ``Content-Disposition``.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


@login_required
@require_safe
def attachment_download(request: HttpRequest, reference: str, attachment_id: int) -> FileResponse:
    attachment = selectors.attachment_get(
        user=signed_in(request), reference=reference, attachment_id=attachment_id
    )
    if attachment is None or not attachment_file_exists(attachment):
        raise Http404
    reads.record(request, ReadPath.ATTACHMENT, cases=[attachment.case])
    content_type = attachment.content_type
    if content_type not in ALLOWED_TYPES:
        content_type = "application/octet-stream"
    elif content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def attachment_add(request: HttpRequest, reference: str) -> HttpResponse:
    """Add files to a case from its page; a refusal is shown on this page of its own, so that
    the case page stays the case page."""
    user = signed_in(request)
    case = selectors.case_get(user=user, reference=reference)
    if case is None or not policies.can_work(user, case):
        raise Http404
    form = (
        AttachmentForm(request.POST, request.FILES)
        if request.method == "POST"
        else AttachmentForm()
    )
    if request.method == "POST" and form.is_valid():
        stored = []
        try:
            with transaction.atomic():
                Case.objects.select_for_update().filter(pk=case.pk).first()
                stored = attachments_add(
                    case=case, files=form.cleaned_data["attachments"], actor=user
                )
        except ValidationError as error:
            attachments_discard(stored)
            add_service_error(form, error)
        except Exception:
            attachments_discard(stored)
            raise
        else:
            messages.success(
                request,
                ngettext("%(count)s file attached", "%(count)s files attached", len(stored))
                % {"count": len(stored)},
            )
            return redirect("contacts:case", reference=case.reference)
    status = 400 if form.errors else 200
    return render(
        request, "contacts/attachment_add.html", {"case": case, "form": form}, status=status
    )
