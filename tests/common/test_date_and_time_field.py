"""The GOV.UK date input with a time (common.form_fields.DateAndTimeField), and alone
(DateInputField): times as people type them, an empty field as nothing, an error that says what
is wrong (in words that may name the field), and an initial moment shown in UK time."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django import forms

from common.form_fields import DateAndTimeField, DateInputField, time_parse

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", time(14, 30)),
        ("14.30", time(14, 30)),
        (" 9:05 ", time(9, 5)),
        ("2:30pm", time(14, 30)),
        ("2pm", time(14)),
        ("12am", time(0)),
        ("12pm", time(12)),
        ("11.15 a.m.", time(11, 15)),
        ("14", None),
        ("24:00", None),
        ("13pm", None),
        ("10:75", None),
        ("half two", None),
        ("", None),
    ],
)
def test_time_parse(typed, expected):
    assert time_parse(typed) == expected


class Form(forms.Form):
    at = DateAndTimeField(label="When")


def answer(day="", month="", year="", typed_time=""):
    form = Form({"at_day": day, "at_month": month, "at_year": year, "at_time": typed_time})
    return form.cleaned_data["at"] if form.is_valid() else form.errors["at"]


def test_every_box_empty_is_nothing():
    assert answer() is None


def test_a_date_and_time_in_uk_time():
    assert answer("30", "6", "2026", "2:30pm") == datetime(2026, 6, 30, 14, 30, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("boxes", "error"),
    [
        (("30", "6", "2026", ""), "Enter the date and time in full: day, month, year and time"),
        (("", "6", "2026", "10:00"), "Enter the date and time in full: day, month, year and time"),
        (("31", "6", "2026", "10:00"), "Enter a real date"),
        (("30", "6", "1926", "10:00"), "Enter a real date"),
        (("x", "6", "2026", "10:00"), "Enter a real date"),
        (("30", "6", "2026", "25:00"), "Enter the time like 14:30"),
    ],
)
def test_what_is_wrong_is_said(boxes, error):
    assert answer(*boxes) == [error]


class Named(forms.Form):
    at = DateAndTimeField(
        label="When was it received?",
        required=True,
        error_messages={
            "required": "Enter when it was received",
            "incomplete": "Enter when it was received in full",
            "invalid_date": "The date it was received must be a real date",
            "invalid_time": "Enter the time it was received like 14:30",
        },
    )


@pytest.mark.parametrize(
    ("boxes", "error"),
    [
        (("", "", "", ""), "Enter when it was received"),
        (("30", "6", "", "10:00"), "Enter when it was received in full"),
        (("31", "6", "2026", "10:00"), "The date it was received must be a real date"),
        (("30", "6", "2026", "noon"), "Enter the time it was received like 14:30"),
    ],
)
def test_each_message_can_name_the_field(boxes, error):
    day, month, year, typed_time = boxes
    form = Named({"at_day": day, "at_month": month, "at_year": year, "at_time": typed_time})
    assert form.errors["at"] == [error]


def test_a_moment_given_as_initial_fills_the_boxes_in_uk_time():
    # 30 June 2026 is British Summer Time: 13:05 UTC is 14:05 in Wales.
    form = Form(initial={"at": datetime(2026, 6, 30, 13, 5, tzinfo=ZoneInfo("UTC"))})
    assert form["at"].value() == [30, 6, 2026, "14:05"]


class Dated(forms.Form):
    on = DateInputField(label="Date on the letter")


@pytest.mark.parametrize(
    ("boxes", "expected"),
    [
        (("", "", ""), None),
        (("28", "2", "2026"), date(2026, 2, 28)),
        (("29", "2", "2026"), "Enter a real date"),
        (("28", "", "2026"), "Enter the date in full: day, month and year"),
        (("28", "2", "26"), "Enter a real date"),
    ],
)
def test_the_date_input_alone(boxes, expected):
    day, month, year = boxes
    form = Dated({"on_day": day, "on_month": month, "on_year": year})
    assert (form.cleaned_data["on"] if form.is_valid() else form.errors["on"][0]) == expected
    assert Dated(initial={"on": date(2026, 2, 28)})["on"].value() == [28, 2, 2026]
