"""The public contact forms (no sign-in); the case status look-up is ``tracking``.

A journey's answers live in the visitor's session, one page per question, until the
check-your-answers page submits them; each journey carries a random token that becomes the
case's source key, so a double submit makes one case.
"""

import secrets
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Service
from common.client_address import client_address
from common.errors import add_service_error
from contacts.references import reference_format
from messaging.messages import format_date

from . import selectors, throttle, topics, uploads
from .answers import answer_rows
from .forms import (
    FORM_TYPE_HINTS,
    AboutYouForm,
    AccessibilityForm,
    CheckAnswersForm,
    DetailsForm,
    FilesForm,
    FormTypeForm,
    ServiceForm,
    WelshForm,
)
from .services import Submission, webform_submit
from .topics import TopicForm

JOURNEY = "webform"
DONE = "webform_done"


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[django_forms.Form]
    fields: tuple[str, ...]
    template: str


STEPS = (
    Step("type", FormTypeForm, ("form_type",), "public/step_radios.html"),
    Step("topic", TopicForm, ("topic",), "public/step_radios.html"),
    Step("service", ServiceForm, ("service",), "public/step_radios.html"),
    Step("details", DetailsForm, ("details",), "public/step_details.html"),
    Step("files", FilesForm, ("files",), "public/step_files.html"),
    Step(
        "about-you",
        AboutYouForm,
        ("name", "email", "phone", "address", "postcode"),
        "public/step_about_you.html",
    ),
    Step("welsh", WelshForm, ("welsh",), "public/step_radios.html"),
    Step(
        "accessibility",
        AccessibilityForm,
        ("needs", "interpreter_language", "other_needs"),
        "public/step_accessibility.html",
    ),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def _journey(request: HttpRequest, *, fresh: bool = False) -> dict[str, Any]:
    journey = request.session.get(JOURNEY)
    if journey is None or (fresh and journey.get("reference")):
        # Without topics on offer, the resident is asked for the service straight away.
        answers = {} if topics.topics_offered() else {topics.TOPIC: topics.OTHER}
        journey = {"token": secrets.token_hex(16), "answers": answers}
        request.session[JOURNEY] = journey
    return journey


def _save(request: HttpRequest, journey: dict[str, Any]) -> None:
    request.session[JOURNEY] = journey
    request.session.modified = True


def _first_missing(answers: dict[str, Any]) -> Step | None:
    for step in STEPS:
        if any(field not in answers for field in step.fields):
            return step
    return None


def _step_url(step: Step, *, change: bool = False) -> str:
    url = reverse("public:step", kwargs={"step": step.slug})
    return f"{url}?change=1" if change else url


def _back_url(step: Step, answers: dict[str, Any]) -> str:
    index = STEPS.index(step)
    if index == 0:
        return reverse("public:start")
    previous = STEPS[index - 1]
    if previous.slug == "service" and topics.skips_service(answers):
        previous = STEP_BY_SLUG["topic"]
    return _step_url(previous)


@never_cache
@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "public/start.html")


@never_cache
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: str) -> HttpResponse:
    current = STEP_BY_SLUG.get(step)
    if current is None:
        return redirect("public:start")
    journey = _journey(request, fresh=current is STEPS[0] and request.method == "GET")
    answers = journey["answers"]
    missing = _first_missing(answers)
    if missing is not None and STEPS.index(missing) < STEPS.index(current):
        return redirect(_step_url(missing))
    change = request.GET.get("change") == "1"
    if current.slug == "files":
        return _files_step(request, journey, current, change=change)
    if request.method == "POST":
        form = current.form(request.POST)
        if form.is_valid():
            previous_topic = answers.get(topics.TOPIC)
            for field in current.fields:
                value = form.cleaned_data[field]
                answers[field] = value.pk if isinstance(value, Service) else value
            if current.slug == "topic":
                topics.topic_answered(answers, previous=previous_topic)
            elif current.slug == "service":
                topics.service_answered(answers)
            if isinstance(form, DetailsForm | AboutYouForm) and form.is_spam():
                journey["spam"] = True
            journey.pop("reference", None)
            _save(request, journey)
            following = _first_missing(answers)
            if change or following is None:
                return redirect("public:check")
            return redirect(_step_url(following))
        status = 400
    else:
        form = current.form(initial={f: answers[f] for f in current.fields if f in answers})
        status = 200
    return render(
        request,
        current.template,
        {
            "form": form,
            "step": current,
            "back_url": reverse("public:check") if change else _back_url(current, answers),
            **_choice_items(form),
        },
        status=status,
    )


def _files_step(
    request: HttpRequest, journey: dict[str, Any], current: Step, *, change: bool
) -> HttpResponse:
    """Add files (each upload checked and kept at once), remove one, or go on.

    Every POST keeps the files chosen with it, whichever button was pressed, so a resident who
    chooses files and presses Continue does not lose them."""
    answers = journey["answers"]
    staged: list[uploads.StagedFile] = answers.get("files", [])
    here = _step_url(current, change=change)
    status = 200
    form = FilesForm()
    if request.method == "POST":
        remove = request.POST.get("remove", "")
        if remove:
            kept = [item for item in staged if item["stored"] != remove]
            for item in staged:
                if item["stored"] == remove:
                    uploads.upload_discard(item)
            answers["files"] = kept
            _save(request, journey)
            return redirect(here)
        form = FilesForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                added = uploads.uploads_stage(
                    token=journey["token"],
                    files=form.cleaned_data["attachments"],
                    staged=staged,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                answers["files"] = [*staged, *added]
                journey.pop("reference", None)
                _save(request, journey)
                if request.POST.get("action") == "upload":
                    return redirect(here)
                following = _first_missing(answers)
                if change or following is None:
                    return redirect("public:check")
                return redirect(_step_url(following))
        status = 400
    return render(
        request,
        current.template,
        {
            "form": form,
            "step": current,
            "staged": staged,
            "back_url": reverse("public:check") if change else _back_url(current, answers),
        },
        status=status,
    )


def _choice_items(form: django_forms.Form) -> dict[str, Any]:
    """The radios or checkboxes of a page's one choice question, as the templates draw them."""
    name = next(
        (n for n, f in form.fields.items() if isinstance(f, django_forms.ChoiceField)), None
    )
    if name is None:
        return {}
    field = form[name]
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    hints = FORM_TYPE_HINTS if name == "form_type" else getattr(form, "hints", {})
    divider_before = getattr(form, "divider_before", None)
    items = [
        {
            "id": field.id_for_label if index == 0 else f"{field.id_for_label}-{index + 1}",
            "value": str(choice),
            "label": label,
            "hint": hints.get(str(choice), ""),
            "checked": str(choice) in chosen,
            "divider": index > 0 and str(choice) == divider_before,
        }
        for index, (choice, label) in enumerate(field.field.choices)
    ]
    return {"radio_field": field, "items": items, "inline": name == "welsh"}


def _submission(journey: dict[str, Any]) -> Submission | None:
    answers = journey["answers"]
    service = Service.objects.filter(pk=answers.get("service"), active=True).first()
    if service is None:
        # A service closed during the journey (or never chosen) is asked for again.
        answers.pop("service", None)
        return None
    if _first_missing(answers) is not None:
        return None
    return Submission(
        token=journey["token"],
        form_type=answers["form_type"],
        service=service,
        details=answers["details"],
        name=answers["name"],
        email=answers["email"],
        phone=answers["phone"],
        address=answers["address"],
        postcode=answers["postcode"],
        welsh=answers["welsh"] == "yes",
        needs=tuple(answers["needs"]),
        interpreter_language=answers["interpreter_language"],
        other_needs=answers["other_needs"],
        files=tuple(answers["files"]),
        request_type=topics.topic_of(answers),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    journey = request.session.get(JOURNEY)
    if journey is None:
        if request.method == "POST" and request.session.get(DONE):
            return redirect("public:done")
        return redirect("public:start")
    submission = _submission(journey)
    if submission is None:
        _save(request, journey)
        missing = _first_missing(journey["answers"])
        return redirect(_step_url(missing) if missing else "public:start")
    if request.method == "POST":
        form = CheckAnswersForm(request.POST)
        if not form.is_valid() or form.cleaned_data["submission"] != journey["token"]:
            # A page left open from an earlier journey: show this journey's answers again.
            return redirect("public:check")
        if not journey.get("reference"):
            address = client_address(request)
            limits = (
                (
                    throttle.SUBMISSIONS_PER_EMAIL_AND_CLIENT,
                    throttle.pair(submission.email, address),
                ),
                (throttle.SUBMISSIONS_PER_CLIENT, address),
            )
            if any(throttle.exceeded(limit, value) for limit, value in limits):
                return render(request, "public/too_many.html", {"what": "submit"}, status=429)
            for limit, value in limits:
                throttle.hit(limit, value)
        if journey.get("spam"):
            # Looks like any submission to whatever filled in the hidden field; nothing is
            # stored, so nothing reaches staff or sends mail.
            journey.setdefault("reference", _decoy_reference())
            request.session[DONE] = {"reference": journey["reference"], "decoy": True}
        else:
            result = webform_submit(submission=submission, language=get_language())
            journey["reference"] = result.case.reference
            request.session[DONE] = {"reference": result.case.reference}
        _save(request, journey)
        return redirect("public:done")
    return render(
        request,
        "public/check.html",
        {
            "rows": answer_rows(submission),
            "form": CheckAnswersForm(initial={"submission": journey["token"]}),
            "token": journey["token"],
            "kind": submission.form_type,
        },
    )


def _decoy_reference() -> str:
    year = timezone.localdate().year
    return reference_format(year, secrets.randbelow(900_000) + 100_000)


@never_cache
@require_safe
def done(request: HttpRequest) -> HttpResponse:
    submitted = request.session.get(DONE)
    if not submitted:
        return redirect("public:start")
    language = get_language()
    if submitted.get("decoy"):
        context = {"reference": submitted["reference"], "due": "", "acknowledgement": True}
    else:
        receipt = selectors.submission_receipt(reference=submitted["reference"])
        if receipt is None:
            return redirect("public:start")
        due = receipt.full_response_due
        context = {
            "reference": receipt.reference,
            "due": format_date(due, language) if due else "",
            "acknowledgement": receipt.acknowledgement_owed,
        }
    return render(request, "public/done.html", context)
