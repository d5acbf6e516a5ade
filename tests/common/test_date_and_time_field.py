"""The GOV.UK date input with a time (common.form_fields.DateAndTimeField): times as people type
them, an empty field as nothing, and an error that says what is wrong."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django import forms

from common.form_fields import DateAndTimeField, time_parse

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
