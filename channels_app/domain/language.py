"""Telling Welsh from English in a customer's words, for a reply in the language they wrote in
when they have not told us their preference.

A count of very common function words of each language: good enough for a message of a few
words or more, and honest ("") when the text gives no clear sign.
"""

import re

WELSH_WORDS = frozenset(
    """
    a ac am ar bod bore byddwn chi cyngor da diolch dwi dydd efo eich ein fy gan gyda hefyd
    helo hwn hynny i mae mewn na nad neu nid noswaith o oedd os pam plis prynhawn roedd rwy
    rydw rydym sut wedi wrth ydy yma yn yr ysgol ddim dim gwastraff bin biniau heddiw ffordd
    """.split()  # noqa: SIM905 - a word list reads better as text
)
ENGLISH_WORDS = frozenset(
    """
    a and are at be been bin but by can could council dear for from has have hello i in is it
    my not of on our please road that the their there this thank thanks to was we were what
    when will with you your yesterday today
    """.split()  # noqa: SIM905 - a word list reads better as text
)
#: Words both languages share ("a", "i", "bin") prove nothing either way.
SHARED = WELSH_WORDS & ENGLISH_WORDS
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
#: How many more distinctive words one language needs before we call it.
MARGIN = 2


def detect_language(text: str) -> str:
    """``"cy"``, ``"en"``, or ``""`` when the text does not say clearly."""
    welsh = english = 0
    for word in _WORD.findall(text.lower()):
        if word in SHARED:
            continue
        if word in WELSH_WORDS or any(letter in word for letter in "ŵŷ"):
            welsh += 1
        elif word in ENGLISH_WORDS:
            english += 1
    if welsh >= english + MARGIN:
        return "cy"
    if english >= welsh + MARGIN:
        return "en"
    return ""
