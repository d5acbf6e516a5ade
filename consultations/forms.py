"""Forms of the consultation pages: they check what was typed (the answers through
``domain.answers``, every problem worded here); the services decide the rest."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, Service
from common.form_fields import DayField, LineField, TextField
from councillors.models import Ward

from .domain.answers import Checked, Problem, Spec, check
from .models import Alternative, Consultation, Question, QuestionKind, Way

PROBLEMS = {
    Problem.MISSING: _("Answer this question."),
    Problem.NOT_A_CHOICE: _("Choose one of the options."),
    Problem.ONE_CHOICE_ONLY: _("Choose only one option."),
    Problem.NOT_A_NUMBER: _("Choose one of the numbers on the scale."),
    Problem.OUT_OF_RANGE: _("Choose a number from %(low)s to %(high)s."),
    Problem.TOO_LONG: _("Write no more than %(limit_value)s characters."),
}


class Boxes(forms.CheckboxSelectMultiple):
    """Ticked boxes whose field has an id of its own: the first box's, which the error summary
    links to and the template gives the first box (Django gives none without an index)."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return id_ if index is None else super().id_for_label(id_, index)


class Values(forms.Field):
    """Every value sent under the field's name (ticked boxes), checked by the form."""

    widget = Boxes

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class Asked:
    """A question as the page shows it: its field (with its errors) and its options."""

    question: Question
    field: forms.BoundField
    options: list[Option]


def _sent(data: Any, name: str) -> list[str]:
    """Every value the form sent under ``name`` (a QueryDict holds several)."""
    values = data.getlist(name) if hasattr(data, "getlist") else []
    return [str(value) for value in values]


def _spec(question: Question) -> Spec:
    return Spec(
        kind=question.kind,
        required=question.required,
        choices=frozenset(c.pk for c in question.choices.all()),
        scale_min=question.scale_min,
        scale_max=question.scale_max,
    )


class AnswersForm(forms.Form):
    """The questions of one consultation, and the ward of the person responding."""

    ward: "forms.ModelChoiceField[Ward]" = forms.ModelChoiceField(
        queryset=Ward.objects.order_by("name"),
        label=_("Which ward do you live in? (optional)"),
        required=False,
        empty_label=_("I would rather not say"),
        error_messages={"invalid_choice": _("Choose a ward from the list.")},
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.questions = list(consultation.questions.all())
        for question in self.questions:
            if question.kind == QuestionKind.TEXT:
                field: forms.Field = forms.CharField(
                    required=False, widget=forms.Textarea, strip=False
                )
            elif question.kind == QuestionKind.MULTIPLE:
                field = Values(required=False)
            else:
                field = forms.CharField(required=False)
            field.label = question.text
            self.fields[question.field_name] = field
        # The page asks the questions first: the error summary lists them in the same order.
        self.fields["ward"] = self.fields.pop("ward")
        self.answers: dict[int, Checked] = {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            name = question.field_name
            raw = _sent(self.data, name)
            result = check(_spec(question), raw)
            if isinstance(result, Problem):
                message = PROBLEMS[result]
                params = {
                    "low": question.scale_min,
                    "high": question.scale_max,
                    "limit_value": 10_000,
                }
                self.add_error(name, forms.ValidationError(message, params=params))
            else:
                self.answers[question.pk] = result
        return cleaned

    def asked(self) -> Iterator[Asked]:
        for question in self.questions:
            bound = self[question.field_name]
            sent = set(_sent(self.data, question.field_name)) if self.is_bound else set()
            if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                options = [
                    Option(str(c.pk), c.text, str(c.pk) in sent) for c in question.choices.all()
                ]
            elif question.kind == QuestionKind.SCALE:
                low, high = question.scale_min or 0, question.scale_max or 0
                options = [Option(str(v), str(v), str(v) in sent) for v in range(low, high + 1)]
            else:
                options = []
            yield Asked(question, bound, options)


class PublicResponseForm(AnswersForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address like name@example.com")},
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, consultation=consultation, **kwargs)
        self.fields["email"] = self.fields.pop("email")
        if consultation.one_per_person:
            self.fields["email"].required = True
            self.fields["email"].error_messages["required"] = _(
                "Enter your e-mail address so we can check it is you."
            )
        else:
            del self.fields["email"]


class StaffResponseForm(AnswersForm):
    way = forms.ChoiceField(
        label=_("How did the response come?"),
        choices=[(v, label) for v, label in Way.choices if v != Way.ONLINE],
        error_messages={
            "required": _("Choose how the response came."),
            "invalid_choice": _("Choose how the response came."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the response"),
        choices=Language.choices,
        error_messages={
            "required": _("Choose the language of the response."),
            "invalid_choice": _("Choose the language of the response."),
        },
    )
    received_on = DayField(
        label=_("Date received"), required_message=_("Enter the date the response was received.")
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ConsultationForm(forms.Form):
    title_cy = LineField(label=_("Title (Welsh)"), required_message=_("Enter the title in Welsh."))
    title_en = LineField(
        label=_("Title (English)"), required_message=_("Enter the title in English.")
    )
    why_cy = TextField(
        label=_("Why the council is asking (Welsh)"),
        required_message=_("Say why the council is asking, in Welsh."),
    )
    why_en = TextField(
        label=_("Why the council is asking (English)"),
        required_message=_("Say why the council is asking, in English."),
    )
    proposal_cy = TextField(
        label=_("What is proposed (Welsh)"),
        required_message=_("Say what is proposed, in Welsh."),
    )
    proposal_en = TextField(
        label=_("What is proposed (English)"),
        required_message=_("Say what is proposed, in English."),
    )
    groups_cy = TextField(label=_("Groups of people affected (Welsh)"), max_length=2000)
    groups_en = TextField(label=_("Groups of people affected (English)"), max_length=2000)
    wards: "forms.ModelMultipleChoiceField[Ward]" = forms.ModelMultipleChoiceField(
        queryset=Ward.objects.order_by("name"),
        label=_("Wards affected"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose wards from the list.")},
    )
    services: "forms.ModelMultipleChoiceField[Service]" = forms.ModelMultipleChoiceField(
        queryset=Service.objects.order_by("name"),
        label=_("Services affected"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose services from the list.")},
    )
    opens_on = DayField(label=_("Opens on"), required_message=_("Enter the opening date."))
    closes_on = DayField(label=_("Closes on"), required_message=_("Enter the closing date."))
    alternatives = forms.MultipleChoiceField(
        label=_("Accessible alternatives offered"),
        choices=Alternative.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose alternatives from the list.")},
    )
    how_to_ask_cy = TextField(label=_("How to ask for an alternative (Welsh)"), max_length=2000)
    how_to_ask_en = TextField(label=_("How to ask for an alternative (English)"), max_length=2000)
    one_per_person = forms.BooleanField(
        label=_("Ask for one response per person, checked by e-mail"), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return cleaned


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of question"),
        choices=QuestionKind.choices,
        error_messages={
            "required": _("Choose the kind of question."),
            "invalid_choice": _("Choose the kind of question."),
        },
    )
    text_cy = LineField(
        label=_("Question (Welsh)"),
        max_length=500,
        required_message=_("Write the question in Welsh."),
    )
    text_en = LineField(
        label=_("Question (English)"),
        max_length=500,
        required_message=_("Write the question in English."),
    )
    hint_cy = LineField(label=_("Hint (Welsh, optional)"), max_length=500)
    hint_en = LineField(label=_("Hint (English, optional)"), max_length=500)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices_cy = TextField(label=_("Choices (Welsh), one a line"), max_length=3000)
    choices_en = TextField(label=_("Choices (English), one a line"), max_length=3000)
    scale_min = forms.IntegerField(
        label=_("Lowest value"),
        required=False,
        min_value=-10,
        max_value=100,
        error_messages={
            "invalid": _("Enter a whole number."),
            "min_value": _("Enter a number from -10 to 100."),
            "max_value": _("Enter a number from -10 to 100."),
        },
    )
    scale_max = forms.IntegerField(
        label=_("Highest value"),
        required=False,
        min_value=-10,
        max_value=100,
        error_messages={
            "invalid": _("Enter a whole number."),
            "min_value": _("Enter a number from -10 to 100."),
            "max_value": _("Enter a number from -10 to 100."),
        },
    )
    scale_min_label_cy = LineField(label=_("Lowest value means (Welsh)"), max_length=100)
    scale_min_label_en = LineField(label=_("Lowest value means (English)"), max_length=100)
    scale_max_label_cy = LineField(label=_("Highest value means (Welsh)"), max_length=100)
    scale_max_label_en = LineField(label=_("Highest value means (English)"), max_length=100)

    def choice_lines(self) -> tuple[list[str], list[str]]:
        return _lines(self.cleaned_data["choices_cy"]), _lines(self.cleaned_data["choices_en"])


class OutcomeForm(forms.Form):
    what_we_asked_cy = TextField(
        label=_("What we asked (Welsh)"), required_message=_("Write this in both languages.")
    )
    what_we_asked_en = TextField(
        label=_("What we asked (English)"), required_message=_("Write this in both languages.")
    )
    what_we_found_cy = TextField(
        label=_("What we found (Welsh)"), required_message=_("Write this in both languages.")
    )
    what_we_found_en = TextField(
        label=_("What we found (English)"), required_message=_("Write this in both languages.")
    )
    what_difference_cy = TextField(
        label=_("What difference it made (Welsh)"),
        required_message=_("Write this in both languages."),
    )
    what_difference_en = TextField(
        label=_("What difference it made (English)"),
        required_message=_("Write this in both languages."),
    )


class ThemeForm(forms.Form):
    name = LineField(label=_("New theme"), max_length=100, required_message=_("Enter the theme."))


class TagForm(forms.Form):
    theme = forms.IntegerField(
        label=_("Theme"),
        error_messages={
            "required": _("Choose one of this consultation's themes."),
            "invalid": _("Choose one of this consultation's themes."),
        },
    )
    answers = Values(label=_("Answers"), required=False)
    remove = forms.BooleanField(required=False)

    def clean_answers(self) -> list[int]:
        values = self.cleaned_data.get("answers") or []
        if not values:
            raise forms.ValidationError(_("Choose at least one answer."))
        if not all(v.isdigit() and len(v) < 12 for v in values):
            raise forms.ValidationError(_("Choose answers from the list."))
        return [int(v) for v in values]


class AnalysisFilterForm(forms.Form):
    ward: "forms.ModelChoiceField[Ward]" = forms.ModelChoiceField(
        queryset=Ward.objects.order_by("name"),
        label=_("Ward"),
        required=False,
        empty_label=_("All wards"),
        error_messages={"invalid_choice": _("Choose a ward from the list.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the response"),
        choices=[("", _("Both languages")), *Language.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )
