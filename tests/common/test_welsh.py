"""The soft mutation of a value put after a preposition that takes it (common/welsh.py)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from common.welsh import soft_mutation


@pytest.mark.parametrize(
    ("radical", "mutated"),
    [
        ("cyfarch y galwr", "gyfarch y galwr"),
        ("cyhoeddi enw'r adran", "gyhoeddi enw'r adran"),
        ("prynu", "brynu"),
        ("trosglwyddo'r alwad", "drosglwyddo'r alwad"),
        ("gofyn am ganiatâd", "ofyn am ganiatâd"),
        ("gosod neges", "osod neges"),
        ("bwriadu", "fwriadu"),
        ("defnyddio'r iaith", "ddefnyddio'r iaith"),
        ("mynd", "fynd"),
        ("llenwi", "lenwi"),
        ("rhoi gwybod", "roi gwybod"),
        ("Cyfarch", "Gyfarch"),  # a capital is kept
        ("Gofyn", "Ofyn"),  # and moves to the vowel the g leaves
        # Nothing to mutate: vowels, f, ff, n, r, s, ch, and "ts" words.
        ("ymateb", "ymateb"),
        ("anfon", "anfon"),
        ("sicrhau", "sicrhau"),
        ("recordio", "recordio"),
        ("nodi", "nodi"),
        ("ffonio", "ffonio"),
        ("tsieina", "tsieina"),
        ("chwarae", "chwarae"),
        ("", ""),
    ],
)
def test_soft_mutation(radical, mutated):
    assert soft_mutation(radical) == mutated


@pytest.mark.parametrize(("language", "expected"), [("cy", "gyfarch"), ("en", "cyfarch")])
def test_the_filter_mutates_only_on_welsh_pages(language, expected):
    template = Template("{% load welsh %}{{ text|soft_mutated_in_welsh }}")
    with translation.override(language):
        assert template.render(Context({"text": "cyfarch"})) == expected
