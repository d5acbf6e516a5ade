"""Officers' pages: the consultations, a new one, changing it, its questions, publishing it,
entering a response that came another way, and the closing report."""

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import signed_in
from common.errors import ServiceError, add_service_error

from .. import selectors
from ..access import consultation_officer
from ..forms import ConsultationForm, OutcomeForm, QuestionForm, StaffResponseForm
from ..models import Consultation, QuestionKind
from ..services import consultations as services
from ..services.responses import response_enter


def _consultation(pk: int) -> Consultation:
    consultation = selectors.consultation_get(pk=pk)
    if consultation is None:
        raise Http404
    return consultation


@consultation_officer
@require_safe
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultations/manage/list.html",
        {"consultations": selectors.consultations_for_staff(), "now": timezone.now()},
    )


def _texts(data: dict[str, Any]) -> dict[str, str]:
    return {k: v for k, v in data.items() if isinstance(v, str)}


def _consultation_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "texts": _texts(data),
        "opens_on": data["opens_on"],
        "closes_on": data["closes_on"],
        "alternatives": data["alternatives"],
        "one_per_person": data["one_per_person"],
        "wards": data["wards"],
        "services": data["services"],
    }


@consultation_officer
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(
                actor=signed_in(request), **_consultation_values(form.cleaned_data)
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The consultation is saved. Add its questions."))
            return redirect("consultations:manage", consultation.pk)
    return render(request, "consultations/manage/form.html", {"form": form, "consultation": None})


@consultation_officer
@require_safe
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    return render(
        request,
        "consultations/manage/detail.html",
        {
            "consultation": consultation,
            "phase": selectors.consultation_phase(consultation),
            "counted": consultation.responses.filter(confirmed_at__isnull=False).count(),
            "has_responses": consultation.responses.exists(),
        },
    )


def _initial(consultation: Consultation) -> dict[str, Any]:
    initial: dict[str, Any] = {
        f"{field}_{code}": getattr(consultation, f"{field}_{code}") or ""
        for field in services.TEXT_FIELDS
        for code in services.LANGUAGES
    }
    initial.update(
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
        alternatives=consultation.alternatives,
        one_per_person=consultation.one_per_person,
        wards=[w.pk for w in consultation.wards.all()],
        services=[s.pk for s in consultation.services.all()],
    )
    return initial


@consultation_officer
@require_http_methods(["GET", "POST"])
def consultation_change(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    if request.method == "POST":
        form = ConsultationForm(request.POST)
    else:
        form = ConsultationForm(initial=_initial(consultation))
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_change(
                consultation=consultation,
                actor=signed_in(request),
                **_consultation_values(form.cleaned_data),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The consultation is changed."))
            return redirect("consultations:manage", consultation.pk)
    return render(
        request, "consultations/manage/form.html", {"form": form, "consultation": consultation}
    )


@consultation_officer
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        choices_cy, choices_en = form.choice_lines()
        try:
            services.question_add(
                consultation=consultation,
                kind=data["kind"],
                texts=_texts(data),
                required=data["required"],
                choices_cy=choices_cy,
                choices_en=choices_en,
                scale_min=data["scale_min"],
                scale_max=data["scale_max"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect("consultations:manage", consultation.pk)
    return render(
        request,
        "consultations/manage/question_form.html",
        {"form": form, "consultation": consultation, "kinds": QuestionKind},
    )


@consultation_officer
@require_POST
def question_remove(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    consultation = _consultation(pk)
    chosen = next((q for q in consultation.questions.all() if q.pk == question), None)
    if chosen is None:
        raise Http404
    try:
        services.question_remove(question=chosen)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question is removed."))
    return redirect("consultations:manage", consultation.pk)


@consultation_officer
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    try:
        services.consultation_publish(
            consultation=consultation, actor=signed_in(request), now=timezone.now()
        )
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The consultation is published. Its wards' councillors are told when it opens."),
        )
    return redirect("consultations:manage", consultation.pk)


@consultation_officer
@require_http_methods(["GET", "POST"])
def response_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A response from a paper form, a call, an easy-read or large-print form, or BSL."""
    consultation = _consultation(pk)
    form = StaffResponseForm(
        request.POST if request.method == "POST" else None, consultation=consultation
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        # Midday of the day received, in UK time: the day is what the rules look at.
        received = timezone.make_aware(datetime.combine(data["received_on"], time(12)))
        if data["received_on"] == timezone.localdate(now):
            received = now
        try:
            response_enter(
                consultation=consultation,
                answers=form.answers,
                language=data["language"],
                ward=data.get("ward"),
                way=data["way"],
                actor=signed_in(request),
                received_on=received,
                now=now,
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The response is recorded."))
            return redirect("consultations:response-new", consultation.pk)
    return render(
        request,
        "consultations/manage/response_form.html",
        {"form": form, "consultation": consultation, "asked": list(form.asked())},
        status=400 if form.is_bound and form.errors else 200,
    )


@consultation_officer
@require_http_methods(["GET", "POST"])
def outcome_publish(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    if request.method == "POST":
        form = OutcomeForm(request.POST)
    else:
        form = OutcomeForm(
            initial={
                f"{field}_{code}": getattr(consultation, f"{field}_{code}") or ""
                for field in services.OUTCOME_FIELDS
                for code in services.LANGUAGES
            }
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_publish(
                consultation=consultation,
                actor=signed_in(request),
                texts=_texts(form.cleaned_data),
                now=timezone.now(),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The outcome is published and linked from “You said, we did”.")
            )
            return redirect("consultations:manage", consultation.pk)
    return render(
        request,
        "consultations/manage/outcome_form.html",
        {
            "form": form,
            "consultation": consultation,
            "phase": selectors.consultation_phase(consultation),
        },
    )
