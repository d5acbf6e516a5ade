"""A case's summary: what it is, who it is for, and its deadlines. Read-only for now; the
actions (note, reply, transfer, resolve...) come with the case page's own work."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from standards.selectors import working_calendar

from .. import presenters, selectors


@login_required
def case_summary(request: HttpRequest, reference: str) -> HttpResponse:
    # Cases the user may not see are "not found", not "forbidden": a reference must not tell
    # anyone that a case exists in another service.
    case = selectors.case_get(user=request.user, reference=reference)
    if case is None:
        raise Http404
    milestones = presenters.milestone_rows(
        milestones=case.milestones.all(), now=timezone.now(), calendar=working_calendar()
    )
    return render(
        request,
        "contacts/case.html",
        {
            "case": case,
            "milestones": milestones,
            "tag": presenters.case_sla_tag(case.milestones.all()),
        },
    )
