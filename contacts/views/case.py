"""The case page: what the case is, who it is for, its deadlines, everything that happened, and
the actions its state allows (each handled in ``case_actions``)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.access import signed_in
from accounts.models import SUBMITTER_ROLES
from audit import reads
from audit.models import ReadPath
from standards.selectors import working_calendar

from .. import policies, presenters, selectors
from ..customer_access import may_edit_customers
from ..domain import lifecycle
from ..forms.case_actions import MeetForm, NoteForm


@login_required
@require_safe
def case_summary(request: HttpRequest, reference: str) -> HttpResponse:
    # Cases the user may not see are "not found", not "forbidden": a reference must not tell
    # anyone that a case exists in another service.
    user = signed_in(request)
    if user.role in SUBMITTER_ROLES:
        # Members follow their enquiries on a page of their own, without the staff's notes.
        return _members_enquiry(request, reference)
    case = selectors.case_get(user=user, reference=reference)
    if case is None:
        raise Http404
    reads.record(request, ReadPath.CASE_PAGE, cases=[case])
    milestones = presenters.milestone_rows(
        milestones=case.milestones.all(), now=timezone.now(), calendar=working_calendar()
    )
    events = selectors.case_timeline(case=case)
    actions = policies.case_actions(user, case)
    way = presenters.message_way(case)
    customer_editable = case.customer_id is not None and may_edit_customers(user)
    return render(
        request,
        "contacts/case.html",
        {
            "case": case,
            "milestones": milestones,
            "tag": presenters.case_sla_tag(case.milestones.all()),
            "channel_details": presenters.channel_detail_rows(case),
            "needs": presenters.accessibility_needs(case.customer) if case.customer else [],
            "history": selectors.customer_history(user=user, case=case),
            "timeline": presenters.timeline_items(
                events=events, parties=selectors.event_parties(events=events)
            ),
            "actions": actions,
            "note_form": NoteForm() if "note" in actions else None,
            "meet_form": MeetForm(case=case) if "meet" in actions else None,
            "way": way,
            # Said once, here, to whoever could write to the customer or add a way to: the
            # actions that only send a message are not offered.
            "unreachable": way is None
            and case.status in lifecycle.OPEN
            and ("reply" in actions or customer_editable),
            "customer_editable": customer_editable,
        },
    )


def _members_enquiry(request: HttpRequest, reference: str) -> HttpResponse:
    if not selectors.case_visible_to(signed_in(request)).filter(reference=reference).exists():
        raise Http404
    return redirect("councillors:enquiry", reference)
