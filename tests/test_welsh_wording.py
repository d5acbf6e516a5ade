"""The Welsh catalogue keeps clear of mistakes it once had (issue 20): a capitalised phrase put
mid-sentence ("Rhaid i Eich neges"), a missing contraction ("i eich" for "i'ch", "o yr" for
"o'r"), no soft mutation after a preposition that takes it ("Drwy cyfarch" for "Drwy
gyfarch"), a capital after "Yn ôl" ("Yn ôl Sianel"), and "y" before a number filled in
("y %(counter)s diwrnod diwethaf" read "y 8 diwrnod", where Welsh says "yr 8")."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"

#: Prepositions that take the soft mutation. Only the radicals that cannot also be a mutated
#: form are looked for (c, p, t, m, ll, rh; not "ch", "ph", "th", which are other mutations
#: or radicals of their own): "drwy gyfarch" may be the mutation of "cyfarch" or a radical g.
_MUTATING = r"drwy|trwy|i|o|am|ar|at|gan|heb|dan|dros|tros|wrth|hyd"
MISTAKES = {
    "a capital mid-sentence": re.compile(
        r"\b(?:i|o|a|â|gyda|drwy|yn ôl) (?:Eich|Ein|Eu|Ei|Yr|Y)\b"
    ),
    "a missing contraction": re.compile(r"(?<!')\b(?:i|o) (?:eich|ein|yr|y|ei|eu)\b"),
    "a capital after “Yn ôl”": re.compile(r"\bYn ôl [A-Z]"),
    # "y" or "yr" goes by the sound of the number (y 7, yr 8, yr 11, yr 80), which a
    # translation cannot know of one filled in; "’r" after a vowel, or no article, is right
    # before any. A number written in the translation ("Y 6 rhif") is the translator's to say.
    "an article before a number": re.compile(
        r"(?<![\w’'])[yY]r? (?:%\([^)]*\)[sd]|%[sd]|\{[^}]*\})"
    ),
    # A capital after the preposition is a name ("ar Mac", "i Cyswllt"), left as it is.
    "no soft mutation": re.compile(
        rf"(?<!')\b(?i:{_MUTATING}) (?:c(?!h)|p(?!h)|t(?!h)|m|ll|rh)\w*"
    ),
}
#: Where the pattern is right: "i mewn" (in, inwards) never mutates, and Cyswllt is a name.
ALLOWED = re.compile(r"\bi mewn\b|\b(?:i|o|gan) Cyswllt\b")


@pytest.fixture(scope="module")
def translations() -> list[tuple[str, str]]:
    catalogue = polib.pofile(str(PO_FILE))
    return [
        (entry.msgid, text)
        for entry in catalogue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if text
    ]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_catalogue_has_none_of_the_mistakes(translations, mistake):
    pattern = MISTAKES[mistake]
    found = [
        (msgid, match.group(0))
        for msgid, text in translations
        for match in pattern.finditer(ALLOWED.sub("", text))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("mistake", "text"),
    [
        ("a capital mid-sentence", "Rhaid i Eich neges fod yn 5,000 nod neu lai"),
        ("a missing contraction", "Rhaid i eich neges fod yn fyr"),
        ("a missing contraction", "Yn ôl o yr achos"),
        ("a capital after “Yn ôl”", "Yn ôl Sianel"),
        ("no soft mutation", "Drwy cyfarch y galwr"),
        ("no soft mutation", "drwy pa fanylion bynnag"),
        ("no soft mutation", "a'i rhoi i'r cleient, heb tâl"),
        ("an article before a number", "Dim ond y %(counter)s cwsmer cyntaf a restrir"),
        ("an article before a number", "yn ystod y {count} diwrnod diwethaf"),
        ("an article before a number", "Y %s achos mwyaf diweddar"),
        ("an article before a number", "yr %(counter)s diwrnod diwethaf"),
    ],
)
def test_each_check_catches_the_mistake_it_is_for(mistake, text):
    assert MISTAKES[mistake].search(ALLOWED.sub("", text))


@pytest.mark.parametrize(
    "text",
    [
        "Rhaid i'ch neges fod yn 5,000 nod neu lai",
        "Drwy gyfarch y galwr",
        "Copïwch hi nawr a'i rhoi i'r cleient",
        "Negeseuon sy'n dod i mewn",
        "Mewngofnodi i Cyswllt",
        "Yn ôl sianel",
        "Dim ond %(counter)s cwsmer a restrir, y rhai cyntaf a gafwyd",
        "yn ystod y cyfnod diwethaf o %(counter)s diwrnod",
        "Dangos 1 i 8 o'r %(counter)s achos",
        "Y 6 rhif y mae eich ap dilysu yn eu dangos",
    ],
)
def test_right_welsh_passes_every_check(text):
    assert not any(pattern.search(ALLOWED.sub("", text)) for pattern in MISTAKES.values())
