"""Which request types a resident's words point to (SPEC §9, docs/adr/0020).

Plain Python: the routing table's phrases come in as ``Candidate``s, and ``rank`` orders them
by how much of their best phrase the resident's words contain. Welsh and English are matched
alike, since a resident may use either, or both in one sentence:

- **normalised**: lower case, accents and circumflexes dropped (people type "tai" for "tâi" and
  "ffwr" for "ffŵr"), anything but letters and digits a space;
- **stop words** of both languages dropped ("my", "the", "not", "y", "yr", "heb", "ddim");
- **English plurals** reduced ("bins" → "bin", "taxes" → "tax");
- **Welsh mutations** undone: a word matches its radical form whichever of the soft, nasal or
  aspirate mutations (or the h before a vowel) it carries, so "fy nhreth gyngor" finds "treth
  y cyngor", and "gwastraff" is found from "wastraff";
- **compounds**: two words typed apart also count as one ("pot hole" finds "pothole").
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

_ENGLISH_STOP_WORDS = (
    "a an and are as at be been by can did do for from get got had has have hello hi i in is it"
    " its me my no not of on or our please still that the there this to us was we were with you"
    " your"
)
#: After normalising (no circumflexes): "heb" and "ddim" are the "not" of "bin heb ei gasglu".
_WELSH_STOP_WORDS = (
    "a ac am ar at bod chi dda ddim diolch dim dy e ei ein eich eu fe fo fy gan gwelwch gyda heb"
    " hi i mae mi na nad neu ni nid nhw o oes ond os plis r roedd w wedi y yn yr yw ydy"
)
STOP_WORDS = frozenset(f"{_ENGLISH_STOP_WORDS} {_WELSH_STOP_WORDS}".split())

_SEPARATORS = re.compile(r"[^a-z0-9]+")
_VOWELS = frozenset("aeiouwy")


@dataclass(frozen=True)
class Candidate:
    """One request type: its id and every name and phrase it is known by, in any language."""

    key: int
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    key: int
    #: The share of its best phrase's words found in the resident's words (0 < score <= 1).
    score: Fraction
    #: How many of the resident's words matched any of its phrases (the tie-break).
    words: int
    #: The phrase that scored best, as the administrator wrote it.
    phrase: str


def normalise(text: str) -> str:
    """Lower case, accents dropped, runs of anything but letters and digits one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", plain).strip()


def stem(word: str) -> str:
    """An English plural reduced to its singular; anything else as it is."""
    if len(word) > 4 and word.endswith("es") and word[-3] in "xsz":
        return word[:-2]  # taxes, buses, boxes
    if len(word) > 5 and word.endswith(("ches", "shes")):
        return word[:-2]  # ditches, bushes
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]  # bins, potholes, lights
    return word


def words_of(text: str) -> tuple[str, ...]:
    """The words that carry meaning, stemmed, in order."""
    return tuple(
        stem(word) for word in normalise(text).split() if len(word) > 1 and word not in STOP_WORDS
    )


#: Mutated initials and the radical each may come from, longest first (so that "ngh" is
#: read before "ng", and "dd" before "d"). Soft: p→b, t→d, c→g, b→f, d→dd, m→f, ll→l, rh→r,
#: g dropped. Nasal: p→mh, t→nh, c→ngh, b→m, d→n, g→ng. Aspirate: p→ph, t→th, c→ch.
_RADICALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ngh", ("c",)),
    ("mh", ("p",)),
    ("nh", ("t",)),
    ("ng", ("g",)),
    ("ph", ("p",)),
    ("th", ("t",)),
    ("ch", ("c",)),
    ("dd", ("d",)),
    ("ff", ()),  # a letter of its own, never a mutation
    ("ll", ()),
    ("rh", ()),
    ("f", ("b", "m")),
    ("b", ("p",)),
    ("d", ("t",)),
    ("g", ("c",)),
    ("l", ("ll",)),
    ("r", ("rh",)),
    ("m", ("b",)),
    ("n", ("d",)),
)


def forms(word: str) -> frozenset[str]:
    """``word`` and every radical form it could be a mutation of."""
    found = {word}
    if not word:
        return frozenset(found)
    for initial, radicals in _RADICALS:
        if word.startswith(initial):
            rest = word[len(initial) :]
            found.update(radical + rest for radical in radicals)
            break
    if word[0] in _VOWELS:
        found.add("g" + word)  # the soft mutation drops a g: "wastraff" from "gwastraff"
    if word[0] == "h" and len(word) > 1 and word[1] in _VOWELS:
        found.add(word[1:])  # an h before a vowel: "ei hiaith"
    return frozenset(found)


@dataclass(frozen=True)
class _Typed:
    forms: frozenset[str]
    covers: frozenset[int]  # which of the resident's words it is (two, for a compound)


def _resident_forms(words: Sequence[str]) -> list[_Typed]:
    """The forms of each word, and of each two neighbours written as one."""
    single = [_Typed(forms(word), frozenset({i})) for i, word in enumerate(words)]
    joined = [
        _Typed(forms(words[i] + words[i + 1]), frozenset({i, i + 1})) for i in range(len(words) - 1)
    ]
    return single + joined


def _covered(word: str, resident: Iterable[_Typed]) -> frozenset[int]:
    """Which of the resident's words ``word`` of a phrase matches (none: empty)."""
    mine = forms(word)
    return frozenset(i for typed in resident if mine & typed.forms for i in typed.covers)


def rank(text: str, candidates: Iterable[Candidate]) -> list[Match]:
    """The candidates ``text`` points to, best first: by the share of their best phrase found
    (a whole phrase beats half of one), then by how many of the resident's words they
    matched, then in the order given (the administrators' order)."""
    words = words_of(text)
    if not words:
        return []
    resident = _resident_forms(words)
    matches: list[tuple[Match, int]] = []
    for position, candidate in enumerate(candidates):
        best: tuple[Fraction, str] | None = None
        matched: set[int] = set()
        for phrase in candidate.phrases:
            phrase_words = words_of(phrase)
            if not phrase_words:
                continue
            covered = [_covered(word, resident) for word in phrase_words]
            hits = sum(1 for indexes in covered if indexes)
            if not hits:
                continue
            score = Fraction(hits, len(phrase_words))
            if best is None or score > best[0]:
                best = (score, phrase)
            for indexes in covered:
                matched.update(indexes)
        if best is not None:
            matches.append((Match(candidate.key, best[0], len(matched), best[1]), position))
    matches.sort(key=lambda pair: (-pair[0].score, -pair[0].words, pair[1]))
    return [match for match, _position in matches]
