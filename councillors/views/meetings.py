"""Town and community councils' meetings: their clerks record them and attach the agenda,
minutes and papers; the county councillors of the council's wards read them. Nobody else
finds a meeting (404), and only its council's clerks attach to it (403)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import role_required
from accounts.models import Role
from common.errors import add_service_error
from contacts.attachments import ALLOWED_TYPES

from .. import selectors, services
from ..forms import MeetingForm, MeetingPaperForm
from ..models import CouncilMeeting
from . import signed_in

MEETING_READERS = (Role.COUNCILLOR, Role.CLERK)
CLERK = (Role.CLERK,)
#: Never rendered by a browser, even one that ignored ``Content-Disposition`` (as a case's).
DOWNLOAD_CSP = "default-src 'none'; sandbox"


def _meeting(request: HttpRequest, pk: int) -> CouncilMeeting:
    meeting = selectors.meeting_get(user=signed_in(request), pk=pk)
    if meeting is None:
        raise Http404
    return meeting


@role_required(MEETING_READERS)
@require_safe
def meetings_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "councillors/meetings.html",
        {
            "meetings": list(
                selectors.meetings_visible_to(signed_in(request))
                .select_related("council")
                .prefetch_related("papers")
                .order_by("-held_on", "-pk")[:100]
            ),
            "is_clerk": signed_in(request).role == Role.CLERK,
        },
    )


@role_required(CLERK)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    councils = selectors.clerk_councils(user=signed_in(request))
    form = MeetingForm(request.POST if request.method == "POST" else None, councils=councils)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.council_meeting_create(
                clerk=signed_in(request),
                council=data["council"],
                held_on=data["held_on"],
                title=data["title"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The meeting is recorded: attach its papers."))
            return redirect("councillors:meeting", meeting.pk)
    return render(
        request,
        "councillors/meeting_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@role_required(MEETING_READERS)
@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return render(
        request,
        "councillors/meeting.html",
        {
            "meeting": meeting,
            "may_attach": services.is_clerk_of(signed_in(request), meeting.council_id),
        },
    )


@role_required(MEETING_READERS)
@require_http_methods(["GET", "POST"])
def meeting_paper_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a document; a file of the wrong type or too large is refused with the case
    attachments' words, and nothing is stored or sent."""
    meeting = _meeting(request, pk)
    if not services.is_clerk_of(signed_in(request), meeting.council_id):
        raise PermissionDenied
    if request.method == "POST":
        form = MeetingPaperForm(request.POST, request.FILES)
    else:
        form = MeetingPaperForm()
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.meeting_paper_add(
                meeting=meeting,
                clerk=signed_in(request),
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is attached and the county councillors sent a link to it.")
                % {"name": paper.filename},
            )
            return redirect("councillors:meeting", meeting.pk)
    return render(
        request,
        "councillors/meeting_paper_add.html",
        {
            "meeting": meeting,
            "form": form,
            "files_sent": bool(request.FILES),
            "max_bytes": settings.ATTACHMENT_MAX_BYTES,
        },
        status=400 if form.errors else 200,
    )


@role_required(MEETING_READERS)
@require_safe
def meeting_paper_download(request: HttpRequest, pk: int, paper_id: int) -> HttpResponseBase:
    user = signed_in(request)
    paper = selectors.meeting_paper_get(user=user, meeting_id=pk, paper_id=paper_id)
    if paper is None or not paper.file.name or not paper.file.storage.exists(paper.file.name):
        raise Http404
    content_type = paper.content_type
    if content_type not in ALLOWED_TYPES:
        content_type = "application/octet-stream"
    elif content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"
    response = FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    return response
