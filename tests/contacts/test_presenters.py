"""Time left in words, in English and in Welsh with its four plural forms (no database)."""

import pytest
from django.utils import translation

from contacts.domain.time_left import TimeLeft, Unit
from contacts.presenters import sla_tag, time_left_text

DAYS, HOURS, MINUTES = Unit.WORKING_DAYS, Unit.HOURS, Unit.MINUTES


@pytest.mark.parametrize(
    ("left", "in_english", "in_welsh"),
    [
        (TimeLeft(1, DAYS, False), "1 working day", "1 diwrnod gwaith"),
        (TimeLeft(2, DAYS, False), "2 working days", "2 ddiwrnod gwaith"),
        (TimeLeft(3, DAYS, False), "3 working days", "3 diwrnod gwaith"),
        (TimeLeft(8, DAYS, False), "8 working days", "8 diwrnod gwaith"),
        (TimeLeft(3, HOURS, False), "3 hours", "3 awr"),
        (TimeLeft(1, HOURS, False), "1 hour", "1 awr"),
        (TimeLeft(2, MINUTES, False), "2 minutes", "2 funud"),
        (TimeLeft(11, MINUTES, False), "11 minutes", "11 munud"),
        (TimeLeft(0, MINUTES, False), "Due now", "Yn ddyledus nawr"),
        (TimeLeft(1, DAYS, True), "Overdue by 1 working day", "1 diwrnod gwaith yn hwyr"),
        (TimeLeft(2, DAYS, True), "Overdue by 2 working days", "2 ddiwrnod gwaith yn hwyr"),
        (TimeLeft(5, HOURS, True), "Overdue by 5 hours", "5 awr yn hwyr"),
        (TimeLeft(1, MINUTES, True), "Overdue by 1 minute", "1 munud yn hwyr"),
    ],
)
def test_time_left_in_words(left, in_english, in_welsh):
    assert time_left_text(left) == in_english
    with translation.override("cy"):
        assert time_left_text(left) == in_welsh


@pytest.mark.parametrize(
    ("state", "label", "colour"),
    [
        ("breached", "Breached", "red"),
        ("due_soon", "Due soon", "yellow"),
        ("pending", "On track", "turquoise"),
        ("met_late", "Met late", "orange"),
        ("met", "Met", "green"),
    ],
)
def test_each_sla_state_has_its_tag(state, label, colour):
    tag = sla_tag(state)

    assert (tag.label, tag.colour) == (label, colour)


def test_no_state_no_tag():
    assert sla_tag(None) is None
    assert sla_tag("somebody's typo") is None
