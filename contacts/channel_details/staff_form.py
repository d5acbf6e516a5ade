"""The staff form's questions about a channel's details, generated from its definition: the
form fields, the details they give (checked by ``parse_details``, as the API's are), and the
question that shows each detail's error."""

from datetime import date, datetime
from typing import Any

from django import forms

from .definition import ChannelDefinition, DetailField, Kind, Question

#: How the log-contact page shows each kind of question: the GOV.UK input's type and width.
INPUTS: dict[Kind, tuple[str, str]] = {
    Kind.PHONE: ("tel", "govuk-input--width-20"),
    Kind.EMAIL: ("email", ""),
    Kind.URL: ("url", ""),
    Kind.DATE: ("date", "govuk-input--width-10"),
    Kind.DATETIME: ("datetime-local", "govuk-!-width-one-half"),
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
            return forms.CharField(**{**text, "max_length": detail.max_length or 30})
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
            day = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            return forms.DateField(widget=day, **common)
        case Kind.DATETIME:
            moment = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            return forms.DateTimeField(widget=moment, **common)
        case _:
            box = forms.Textarea(attrs={"rows": 3}) if question.textarea else None
            return forms.CharField(**text, widget=box)


def _whole(bound: float | None) -> int | None:
    return None if bound is None else int(bound)


def _shown_as(field: forms.Field, detail: DetailField, question: Question) -> str:
    """How the page shows the question: ``radios``, ``select``, ``checkbox``, ``textarea`` or
    ``input`` (of ``field.govuk_type``, ``field.govuk_width`` wide)."""
    input_type, width = INPUTS.get(detail.kind, ("text", ""))
    field.govuk_type = input_type  # type: ignore[attr-defined]
    field.govuk_width = question.width or width  # type: ignore[attr-defined]
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


def _asked(detail: DetailField, contact_type: str | None) -> list[Question]:
    return [q for q in detail.asks if not q.when or contact_type in q.when]


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def raw_details(definition: ChannelDefinition, cleaned: dict[str, Any]) -> dict[str, Any]:
    """The details the form's answers give, for ``parse_details``: each question answered for
    the chosen contact type, and the fixed values of contacts logged by staff."""
    contact_type = cleaned.get("contact_type")
    raw: dict[str, Any] = {}
    for detail in definition.fields:
        if detail.staff_value is not None:
            raw[detail.name] = detail.staff_value
        for question in _asked(detail, contact_type):
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
    question = next(iter(_asked(detail, cleaned.get("contact_type"))), detail.asks[0])
    return question.name or detail.name
