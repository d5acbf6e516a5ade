"""Welsh grammar that text interpolated into a translated sentence needs.

A Welsh sentence built around a value an administrator wrote (a standard's behaviour,
"cyfarch y galwr ...") cannot be fixed in the catalogue: after "drwy" (by, through) and the
other prepositions that take the soft mutation, the value's first consonant changes
("drwy gyfarch y galwr"), and only the code that inserts the value can change it.
"""

#: Radical → soft mutation, longest first so "ll" and "rh" are matched before "l" and "r".
_SOFT = (
    ("ll", "l"),
    ("rh", "r"),
    ("c", "g"),
    ("p", "b"),
    ("t", "d"),
    ("g", ""),
    ("b", "f"),
    ("d", "dd"),
    ("m", "f"),
)

#: Initials that look mutable but are not: "ch", "ph" and "th" are letters of their own, and
#: "ts" words (borrowed) keep their t.
_UNMUTATED = ("ch", "ph", "th", "ts")


def soft_mutation(text: str) -> str:
    """``text`` with its first word softly mutated, keeping an initial capital.

    >>> soft_mutation("cyfarch y galwr")
    'gyfarch y galwr'
    """
    lower = text.lower()
    if not text or lower.startswith(_UNMUTATED):
        return text
    for radical, mutated in _SOFT:
        if lower.startswith(radical):
            # "g" drops away; if that leaves a vowel first, it keeps the capital.
            rest = text[len(radical) :]
            if not rest:
                return text
            result = mutated + rest
            if text[0].isupper():
                result = result[0].upper() + result[1:]
            return result
    return text
