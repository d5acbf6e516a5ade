"""The one module of milestone kinds: every named set holds known kinds, and every kind has a
name in both languages."""

import pytest
from django.utils import translation

from standards import milestone_kinds
from standards.milestone_kinds import MilestoneKind, kind_label

KNOWN = {*MilestoneKind.values, milestone_kinds.STAGE2_ACKNOWLEDGE}

SETS = [
    milestone_kinds.ACKNOWLEDGES,
    milestone_kinds.MET_BY_RESPONSE,
    milestone_kinds.RECORDED_BY_HAND,
    milestone_kinds.FULL_RESPONSE_PROMISED,
    milestone_kinds.FULL_RESPONSE_BANNER,
    milestone_kinds.COMPLAINT_STAGE_1,
    milestone_kinds.COMPLAINT_STAGE_2,
    milestone_kinds.ANSWERS,
    milestone_kinds.PUBLICATIONS,
]


@pytest.mark.parametrize("kinds", SETS)
def test_every_named_set_holds_known_kinds_once(kinds):
    assert set(kinds) <= KNOWN
    assert len(set(kinds)) == len(kinds)


def test_the_promised_full_response_is_among_what_the_banner_names():
    assert set(milestone_kinds.FULL_RESPONSE_PROMISED) <= set(milestone_kinds.FULL_RESPONSE_BANNER)


@pytest.mark.parametrize(
    ("kind", "english", "welsh"),
    [
        ("respond", "Respond", None),
        ("stage2_acknowledge", "Stage 2: acknowledge", None),
        ("not_yet_known", "not_yet_known", "not_yet_known"),
    ],
)
def test_kind_label_names_every_kind_and_falls_back_to_the_code(kind, english, welsh):
    with translation.override("en"):
        assert kind_label(kind) == english
    with translation.override("cy"):
        label = kind_label(kind)
    assert label == welsh if welsh else label != english


def test_a_publication_is_met_only_by_recording_it():
    """A reply or a response never meets a page's publication: it needs its address
    (docs/adr/0033)."""
    assert not set(milestone_kinds.PUBLICATIONS) & set(milestone_kinds.MET_BY_RESPONSE)
