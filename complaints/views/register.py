"""The complaints officer's register: their service's complaints with stage, due dates and
SLA state, and the complaint cases still to be recorded."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import signed_in
from audit import reads
from audit.models import ReadPath
from contacts.presenters import (
    Tag,
    TimeLeftShown,
    case_sla_tag,
    next_due_milestone,
    time_left_shown,
)
from standards.milestone_kinds import STAGE_LABELS
from standards.selectors import working_calendar

from .. import selectors
from ..forms import RegisterFilterForm
from ..models import Complaint
from ..selectors import RegisterFilters
from .common import complaints_staff_only

PAGE_SIZE = 50


@dataclass(frozen=True)
class RegisterRow:
    complaint: Complaint
    tag: Tag | None
    next_label: str
    next_due_at: datetime | None
    time_left: TimeLeftShown | None


def register_rows(complaints, *, now: datetime) -> list[RegisterRow]:
    rows = []
    calendar = working_calendar()
    for complaint in complaints:
        milestones = list(complaint.case.milestones.all())
        upcoming = next_due_milestone(milestones)
        rows.append(
            RegisterRow(
                complaint=complaint,
                tag=case_sla_tag(m for m in milestones if m.is_open) if upcoming else None,
                next_label=str(STAGE_LABELS.get(upcoming.kind, "")) if upcoming else "",
                next_due_at=upcoming.due_at if upcoming else None,
                time_left=(
                    time_left_shown(upcoming.due_at, now=now, calendar=calendar)
                    if upcoming
                    else None
                ),
            )
        )
    return rows


@complaints_staff_only
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = RegisterFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = RegisterFilters(
            stage=data["stage"],
            category=data["category"] or None,
            sla_state=data["sla_state"] or None,
            closed=data["show"] == "closed",
        )
    complaints = selectors.complaint_register(user=signed_in(request), filters=filters)
    page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = register_rows(page.object_list, now=timezone.now())
    to_record = list(selectors.complaints_to_record(user=signed_in(request))[:PAGE_SIZE])
    # Complaints are confidential: every one the register shows is recorded (one INSERT),
    # though lists of other cases are not (ADR 0021).
    reads.record(
        request,
        ReadPath.COMPLAINT_REGISTER,
        cases=[*to_record, *(row.complaint.case for row in rows)],
    )
    return render(
        request,
        "complaints/register.html",
        {
            "form": form,
            "filters": filters,
            "rows": rows,
            "page": page,
            "to_record": to_record,
            "now": timezone.now(),
        },
    )
