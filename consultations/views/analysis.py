"""The officers' analysis: counts and charts per question with the figures' table beneath,
filtered by ward and by the language of the response; the free-text answers of a question,
tagged with themes; the export."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.errors import ServiceError, add_service_error

from .. import selectors
from ..access import consultation_officer
from ..analysis import Filters, consultation_analysis, text_answers
from ..exports import export_response
from ..forms import AnalysisFilterForm, TagForm, ThemeForm
from ..models import Consultation, Question, QuestionKind
from ..services.themes import answers_tag, theme_add

PAGE = 50


def _consultation(pk: int) -> Consultation:
    consultation = selectors.consultation_get(pk=pk)
    if consultation is None:
        raise Http404
    return consultation


def _filters(request: HttpRequest) -> tuple[AnalysisFilterForm, Filters]:
    form = AnalysisFilterForm(request.GET)
    if not form.is_valid():
        return form, Filters()
    ward = form.cleaned_data.get("ward")
    return form, Filters(
        ward_id=ward.pk if ward else None, language=form.cleaned_data.get("language") or None
    )


def _query(request: HttpRequest) -> str:
    kept = request.GET.copy()
    kept.pop("page", None)
    kept.pop("theme", None)
    return kept.urlencode()


@consultation_officer
@require_safe
def analysis(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    form, filters = _filters(request)
    return render(
        request,
        "consultations/manage/analysis.html",
        {
            "consultation": consultation,
            "form": form,
            "analysis": consultation_analysis(consultation, filters),
            "query": _query(request),
            "theme_form": ThemeForm(),
        },
        status=400 if form.errors else 200,
    )


def _text_question(consultation: Consultation, question: int) -> Question:
    chosen = next((q for q in consultation.questions.all() if q.pk == question), None)
    if chosen is None or chosen.kind != QuestionKind.TEXT:
        raise Http404
    return chosen


@consultation_officer
@require_http_methods(["GET", "POST"])
def answers(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    """A question's free-text answers, a page at a time, each with a box to tick; the officer
    tags (or untags) the ticked answers with a theme."""
    consultation = _consultation(pk)
    chosen = _text_question(consultation, question)
    filter_form, filters = _filters(request)
    theme_id = request.GET.get("theme")
    theme = int(theme_id) if theme_id and theme_id.isdigit() and len(theme_id) < 12 else None
    tag_form = TagForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and tag_form.is_valid():
        try:
            tagged = answers_tag(
                consultation=consultation,
                answer_ids=tag_form.cleaned_data["answers"],
                theme_id=tag_form.cleaned_data["theme"],
                remove=tag_form.cleaned_data["remove"],
            )
        except ServiceError as error:
            add_service_error(tag_form, error)
        else:
            messages.success(request, _("%(count)s answers changed.") % {"count": tagged})
            return redirect(request.get_full_path())
    page = Paginator(text_answers(consultation, chosen, filters, theme_id=theme), PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultations/manage/answers.html",
        {
            "consultation": consultation,
            "question": chosen,
            "page": page,
            "form": tag_form,
            "filter_form": filter_form,
            "theme": theme,
            "query": _query(request),
        },
        status=400 if tag_form.is_bound and tag_form.errors else 200,
    )


@consultation_officer
@require_POST
def theme_new(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            theme_add(consultation=consultation, name=form.cleaned_data["name"])
        except ServiceError as error:
            add_service_error(form, error)
    if form.errors:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
    else:
        messages.success(request, _("The theme is added."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("consultations:analysis", consultation.pk)


@consultation_officer
@require_safe
def export(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    consultation = _consultation(pk)
    _form, filters = _filters(request)
    return export_response(consultation, filters, extension=extension)
