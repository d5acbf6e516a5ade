"""The staff form's questions about a channel's details, generated from its definition: the
form fields, which contact type (or language) each is asked for, the details they give
(checked by ``parse_details``, as the API's are), and the question that shows each detail's
error."""

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from common.form_fields import DateAndTimeField, DateInputField

from .definition import ChannelDefinition, DetailField, Kind, Question
from .serializers import phone_number

#: How the log-contact page shows each kind of question: the GOV.UK input's type and width.
INPUTS: dict[Kind, tuple[str, str]] = {
    Kind.PHONE: ("tel", "govuk-input--width-20"),
    Kind.EMAIL: ("email", ""),
    Kind.URL: ("url", ""),
    Kind.INTEGER: ("number", "govuk-input--width-4"),
    Kind.MINUTES: ("number", "govuk-input--width-4"),
}


class Radios(forms.RadioSelect):
    """Radios whose first input has the field's own id, which the error summary links to."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return id_


def _form_field(detail: DetailField, question: Question) -> forms.Field:
    required = detail.required if question.required is None else question.required
    errors = dict(question.errors)
    if question.message:
        errors |= {"required": question.message, "invalid_choice": question.message}
    common: dict[str, Any] = {"label": question.label, "required": required}
    if errors:
        common["error_messages"] = errors
    text = {**common, "max_length": detail.max_length}
    match detail.kind:
        case Kind.PHONE:
            # Checked here too, so that the form's own message names the number.
            typed_number = RegexValidator(phone_number.regex, phone_number.message)
            return forms.CharField(
                **{**text, "max_length": detail.max_length or 30}, validators=[typed_number]
            )
        case Kind.EMAIL:
            return forms.EmailField(**text)
        case Kind.URL:
            return forms.URLField(**text, assume_scheme="https")
        case Kind.CHOICE:
            assert detail.choices is not None, detail.name
            if question.placeholder:
                choices = [("", question.placeholder), *detail.choices.choices]
                return forms.ChoiceField(choices=choices, **common)
            return forms.ChoiceField(choices=detail.choices.choices, widget=Radios, **common)
        case Kind.BOOLEAN:
            return forms.BooleanField(**{**common, "required": False})
        case Kind.INTEGER | Kind.MINUTES:
            return forms.IntegerField(
                min_value=_whole(detail.min_value), max_value=_whole(detail.max_value), **common
            )
        case Kind.DATE:
            return DateInputField(help_text=_("For example, 27 3 2026."), **common)
        case Kind.DATETIME:
            return DateAndTimeField(help_text=_("For example, 27 3 2026 and 14:30."), **common)
        case _:
            box = forms.Textarea(attrs={"rows": 3}) if question.textarea else None
            return forms.CharField(**text, widget=box)


def _whole(bound: float | None) -> int | None:
    return None if bound is None else int(bound)


def _shown_as(field: forms.Field, detail: DetailField, question: Question) -> str:
    """How the page shows the question: ``radios``, ``select``, ``checkbox``, ``textarea``,
    ``date_time`` (the GOV.UK date input, with a time for a date and time) or ``input`` (of
    ``field.govuk_type``, ``field.govuk_width`` wide)."""
    input_type, width = INPUTS.get(detail.kind, ("text", ""))
    field.govuk_type = input_type  # type: ignore[attr-defined]
    field.govuk_width = question.width or width  # type: ignore[attr-defined]
    if detail.kind in (Kind.DATE, Kind.DATETIME):
        return "date_time"
    if detail.kind == Kind.CHOICE:
        return "select" if question.placeholder else "radios"
    if detail.kind == Kind.BOOLEAN:
        return "checkbox"
    return "textarea" if question.textarea else "input"


def form_fields(definition: ChannelDefinition) -> dict[str, forms.Field]:
    """The channel's form fields in order, made afresh for each form (a field holds state)."""
    fields = {}
    for detail in definition.fields:
        for question in detail.asks:
            field = _form_field(detail, question)
            field.govuk_template = _shown_as(field, detail, question)  # type: ignore[attr-defined]
            fields[question.name or detail.name] = field
    return fields


def questions(definition: ChannelDefinition) -> dict[str, Question]:
    """The channel's questions by form field name, in order."""
    return {
        question.name or detail.name: question
        for detail in definition.fields
        for question in detail.asks
    }


def is_asked(question: Question, *, contact_type: Any, language: Any) -> bool:
    """Whether the form asks ``question`` of a contact of this type in this language."""
    return (not question.when or contact_type in question.when) and (
        question.language is None or language == question.language
    )


def _asked(detail: DetailField, answers: dict[str, Any]) -> list[Question]:
    contact_type, language = answers.get("contact_type"), answers.get("language")
    return [q for q in detail.asks if is_asked(q, contact_type=contact_type, language=language)]


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def raw_details(definition: ChannelDefinition, cleaned: dict[str, Any]) -> dict[str, Any]:
    """The details the form's answers give, for ``parse_details``: each question asked for the
    chosen contact type (and the contact's ``language``), and the fixed values of contacts
    logged by staff."""
    raw: dict[str, Any] = {}
    for detail in definition.fields:
        if detail.staff_value is not None:
            raw[detail.name] = detail.staff_value
        for question in _asked(detail, cleaned):
            value = cleaned.get(question.name or detail.name)
            if value is None or (value == "" and not detail.allow_blank):
                continue
            raw[detail.name] = _json(value)
    return raw


def question_for(definition: ChannelDefinition, name: str, cleaned: dict[str, Any]) -> str | None:
    """The form field that shows an error about the detail ``name``: the question asked for
    the chosen contact type, else the first; ``None`` when the form does not ask it."""
    detail = definition.field(name)
    if detail is None or not detail.asks:
        return None
    question = next(iter(_asked(detail, cleaned)), detail.asks[0])
    return question.name or detail.name
