"""One application error type: raised by services, shown on forms, answered by the API."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import override
from rest_framework import status

from common.api import exception_handler
from common.errors import NON_FIELD_ERRORS, ServiceError, add_service_error
from common.form_fields import DayField


class ReplyForm(forms.Form):
    text = forms.CharField(required=False)
    assign_to = forms.CharField(required=False)


def _shown(error, fields=None):
    form = ReplyForm({})
    assert form.is_valid()
    add_service_error(form, error, fields)
    return form.errors.get_json_data(escape_html=False)


def test_a_service_error_is_a_django_validation_error_with_its_fields():
    error = ServiceError({"text": "Write the reply.", "owner": ["No.", "Never."]})

    assert isinstance(error, ValidationError)
    assert error.fields == {"text": ["Write the reply."], "owner": ["No.", "Never."]}
    assert error.reason() == "text: Write the reply.\nowner: No. Never."


def test_a_refusal_of_the_whole_request_has_no_field():
    error = ServiceError("The case is closed.")

    assert error.fields == {NON_FIELD_ERRORS: ["The case is closed."]}
    assert error.reason() == "The case is closed."


def test_messages_go_on_their_field_renamed_or_above_the_form():
    shown = _shown(
        ServiceError({"text": "Write it.", "owner": "Not them.", "case": "Closed."}),
        {"owner": "assign_to"},
    )

    assert {field: [e["message"] for e in errors] for field, errors in shown.items()} == {
        "text": ["Write it."],
        "assign_to": ["Not them."],
        "__all__": ["Closed."],
    }


def test_a_plain_validation_error_is_shown_alike():
    shown = _shown(ValidationError("No."))

    assert [e["message"] for e in shown["__all__"]] == ["No."]


def test_the_api_answers_a_service_error_with_a_400_and_its_field_errors():
    with override("cy"):
        response = exception_handler(ServiceError({"at": "Give the time with its UTC offset."}), {})
        whole = exception_handler(ServiceError("The case is closed."), {})

    assert response.status_code == status.HTTP_400_BAD_REQUEST
    assert response.data == {"at": ["Give the time with its UTC offset."]}
    assert whole.data == {"non_field_errors": ["The case is closed."]}


def test_one_day_field_refuses_a_year_nobody_means():
    field = DayField(label="Day")

    assert field.clean("2026-07-01").isoformat() == "2026-07-01"
    for typed in ("0026-07-01", "1/7/2026"):
        try:
            field.clean(typed)
        except ValidationError as error:
            assert error.messages == ["Enter a real date"]
        else:
            raise AssertionError(typed)
