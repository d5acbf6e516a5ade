"""Feedback and suggestions: the list to consider, the decision, and publication; and the
public "You said, we did" page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import signed_in
from common.errors import add_service_error
from contacts.presenters import message_way

from .. import selectors, services
from ..forms import FeedbackDecideForm, FeedbackPublishForm
from ..models import Feedback, FeedbackDecision
from ..outcomes import published_outcomes
from .common import complaints_staff_only


@complaints_staff_only
@require_GET
def feedback_list(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("show") == "all"
    cases = selectors.feedback_list(user=signed_in(request), open_only=not show_all)[:200]
    return render(request, "complaints/feedback_list.html", {"cases": cases, "show_all": show_all})


def _feedback_case(request: HttpRequest, reference: str):
    case = selectors.feedback_case_get(user=signed_in(request), reference=reference)
    if case is None:
        raise Http404
    return case


@complaints_staff_only
@require_http_methods(["GET", "POST"])
def feedback_decide(request: HttpRequest, reference: str) -> HttpResponse:
    case = _feedback_case(request, reference)
    form = FeedbackDecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_decide(case=case, actor=signed_in(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_error(
                form, error, {"message": "outcome", "customer": "outcome", "case": "__all__"}
            )
        else:
            messages.success(request, _("Decision recorded; the customer will be told."))
            if form.cleaned_data["decision"] == FeedbackDecision.ACTED_ON:
                return redirect("complaints:feedback-publish", reference)
            return redirect("complaints:feedback")
    return render(
        request,
        "complaints/feedback_decide.html",
        {"case": case, "form": form, "way": message_way(case)},
    )


@complaints_staff_only
@require_http_methods(["GET", "POST"])
def feedback_publish(request: HttpRequest, reference: str) -> HttpResponse:
    case = _feedback_case(request, reference)
    feedback = Feedback.objects.filter(case=case).first()
    if feedback is None or feedback.decision != FeedbackDecision.ACTED_ON:
        messages.info(request, _("Only feedback the council acted on can be published."))
        return redirect("complaints:feedback")
    form = FeedbackPublishForm(
        request.POST if request.method == "POST" else None,
        initial={
            "you_said_cy": feedback.published_you_said_cy,
            "you_said_en": feedback.published_you_said_en,
            "we_did_cy": feedback.published_we_did_cy,
            "we_did_en": feedback.published_we_did_en,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_publish(
                feedback=feedback, actor=signed_in(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Published on the You said, we did page."))
            return redirect("complaints:feedback")
    return render(
        request,
        "complaints/feedback_publish.html",
        {"case": case, "feedback": feedback, "form": form},
    )


@require_GET
def you_said_we_did(request: HttpRequest) -> HttpResponse:
    """Public: no sign-in, and nothing personal (only the officer's published words)."""
    return render(
        request,
        "complaints/you_said_we_did.html",
        {"items": selectors.you_said_we_did(), "outcomes": published_outcomes(limit=50)},
    )
