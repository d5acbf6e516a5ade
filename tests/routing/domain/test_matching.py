"""Which request types a resident's words point to: normalising, stop words, plurals, Welsh
mutations, compounds and the ranking, with every expected value worked out by hand (the
phrase's words after normalising, and how many of them the resident's words hold)."""

from fractions import Fraction

import pytest

from routing.domain.matching import Candidate, Match, forms, normalise, rank, stem, words_of

MISSED_BIN = Candidate(1, ("Missed bin", "Bin heb ei gasglu", "bin not collected"))
POTHOLE = Candidate(2, ("Pothole", "Twll yn y ffordd"))
COUNCIL_TAX = Candidate(3, ("Council tax bill", "Bil treth y cyngor", "treth gyngor"))
STREET_LIGHT = Candidate(4, ("Street light out", "Golau stryd wedi diffodd"))
WASTE = Candidate(5, ("Gwastraff swmpus", "Bulky waste"))
TABLE = (MISSED_BIN, POTHOLE, COUNCIL_TAX, STREET_LIGHT, WASTE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Treth  y Cyngor!", "treth y cyngor"),
        ("Ffôn ŵyr tŷ", "ffon wyr ty"),  # circumflexes dropped
        ("I’ve a bin—it's missed", "i ve a bin it s missed"),
        ("CAFÉ", "cafe"),
        ("   ", ""),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("bins", "bin"),
        ("potholes", "pothole"),
        ("lights", "light"),
        ("taxes", "tax"),
        ("buses", "bus"),
        ("ditches", "ditch"),
        ("bus", "bus"),  # too short to be a plural
        ("grass", "grass"),  # -ss is not a plural
        ("census", "census"),  # nor -us
        ("tax", "tax"),
        ("gwastraff", "gwastraff"),
    ],
)
def test_stem(word, expected):
    assert stem(word) == expected


def test_words_of_drops_stop_words_of_both_languages_and_single_letters():
    assert words_of("My bin has not been collected") == ("bin", "collected")
    assert words_of("Mae'r bin heb ei gasglu eto") == ("bin", "gasglu", "eto")
    assert words_of("the a y yr i o") == ()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # Soft mutation: t→d, c→g, p→b, b→f, m→f, g dropped, ll→l, rh→r, d→dd.
        ("dreth", {"dreth", "treth"}),
        ("gyngor", {"gyngor", "cyngor"}),
        ("bapur", {"bapur", "papur"}),
        ("fin", {"fin", "bin", "min"}),
        ("wastraff", {"wastraff", "gwastraff"}),
        ("lythyr", {"lythyr", "llythyr"}),
        ("ddraen", {"ddraen", "draen"}),
        ("rhif", {"rhif"}),  # rh is a letter of its own
        # Nasal: t→nh, c→ngh, p→mh, b→m, d→n, g→ng.
        ("nhreth", {"nhreth", "treth"}),
        ("nghyngor", {"nghyngor", "cyngor"}),
        ("mhapur", {"mhapur", "papur"}),
        ("ngardd", {"ngardd", "gardd"}),
        # Aspirate: t→th, c→ch, p→ph.
        ("threth", {"threth", "treth"}),
        ("chyngor", {"chyngor", "cyngor"}),
        # An h before a vowel.
        ("hiaith", {"hiaith", "iaith"}),
        # ff is a letter of its own, never a mutation.
        ("ffordd", {"ffordd"}),
        ("", {""}),
    ],
)
def test_forms_undo_the_welsh_mutations(word, expected):
    assert forms(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "bin not collected" → (bin, collected), both found: 2/2; the resident's words that
        # matched: bin, collected.
        ("My bin has not been collected", [Match(1, Fraction(1), 2, "bin not collected")]),
        # "Bin heb ei gasglu" → (bin, gasglu); "casglu" is its radical: 2/2.
        ("casglu bin", [Match(1, Fraction(1), 2, "Bin heb ei gasglu")]),
        # The nasal mutation after "fy": "treth gyngor" → (treth, gyngor): 2/2.
        ("fy nhreth gyngor", [Match(3, Fraction(1), 2, "treth gyngor")]),
        # Two words typed apart are the compound: "Pothole" → (pothole): 1/1; "pot" and "hole"
        # are the two resident words it covers.
        ("There is a pot hole outside no. 4", [Match(2, Fraction(1), 2, "Pothole")]),
        ("Mae twll mawr yn y ffordd", [Match(2, Fraction(1), 2, "Twll yn y ffordd")]),
        # The plural: "Council tax bill" → (council, tax, bill): 3/3.
        ("council tax bills", [Match(3, Fraction(1), 3, "Council tax bill")]),
        # A third of "Bil treth y cyngor" → (bil, treth, cyngor): 1/3.
        ("bil", [Match(3, Fraction(1, 3), 1, "Bil treth y cyngor")]),
        # "Golau stryd wedi diffodd" → (golau, stryd, diffodd): 2/3.
        ("golau stryd", [Match(4, Fraction(2, 3), 2, "Golau stryd wedi diffodd")]),
        # The soft mutation that drops a g: "Gwastraff swmpus" → (gwastraff, swmpus): 1/2.
        ("wastraff", [Match(5, Fraction(1, 2), 1, "Gwastraff swmpus")]),
        ("nothing we know", []),
        ("", []),
        ("the and y yr", []),
    ],
)
def test_rank_hand_worked(text, expected):
    assert rank(text, TABLE) == expected


def test_a_whole_phrase_beats_half_of_one_whatever_the_order():
    # "bin" is half of "Missed bin" (1/2) but all of "bin" in BINS (1/1).
    bins = Candidate(9, ("bins",))
    assert [m.key for m in rank("missed the bin", [bins, MISSED_BIN])] == [1, 9]
    assert [m.key for m in rank("a bin", [MISSED_BIN, bins])] == [9, 1]


def test_ties_go_to_more_words_matched_then_to_the_administrators_order():
    # Both score 1/2 on their best phrase; BULKY_BIN matches two of the resident's words.
    bin_only = Candidate(10, ("bin bag",))
    bulky_bin = Candidate(11, ("bulky collection", "bin lorry"))
    assert [m.key for m in rank("bulky bin", [bin_only, bulky_bin])] == [11, 10]
    # Equal on both: the order given decides.
    first, second = Candidate(12, ("garden waste",)), Candidate(13, ("food waste",))
    assert [m.key for m in rank("waste", [first, second])] == [12, 13]
    assert [m.key for m in rank("waste", [second, first])] == [13, 12]


def test_a_candidate_with_no_phrases_or_only_stop_words_never_matches():
    assert rank("the bin", [Candidate(20, ()), Candidate(21, ("the",))]) == []
