"""Whether an answer is one a question can take: a required answer given, a choice from its
list, a value of a scale within its range. Each problem is a code; the form words it."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Problem(StrEnum):
    MISSING = "missing"
    NOT_A_CHOICE = "not_a_choice"
    ONE_CHOICE_ONLY = "one_choice_only"
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    TOO_LONG = "too_long"


#: The longest free-text answer kept (a few pages of writing).
TEXT_MAX = 10_000


@dataclass(frozen=True)
class Spec:
    """What one question accepts."""

    kind: str  # "text", "single", "multiple" or "scale"
    required: bool
    choices: Collection[int] = ()
    scale_min: int | None = None
    scale_max: int | None = None


@dataclass(frozen=True)
class Checked:
    """An acceptable answer: its text, its value, its choices (all empty when unanswered)."""

    text: str = ""
    value: int | None = None
    choices: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.text and self.value is None and not self.choices


def check(spec: Spec, raw: Sequence[str]) -> Checked | Problem:
    """``raw``: the values the form sent for the question (several for a multiple choice)."""
    given = [value.strip() for value in raw if value.strip()]
    if not given:
        return Problem.MISSING if spec.required else Checked()
    if spec.kind == "text":
        text = "\n".join(given)
        return Problem.TOO_LONG if len(text) > TEXT_MAX else Checked(text=text)
    if spec.kind == "scale":
        if len(given) > 1 or not given[0].lstrip("-").isdigit():
            return Problem.NOT_A_NUMBER
        value = int(given[0])
        low, high = spec.scale_min, spec.scale_max
        if low is None or high is None or not low <= value <= high:
            return Problem.OUT_OF_RANGE
        return Checked(value=value)
    if spec.kind == "single" and len(given) > 1:
        return Problem.ONE_CHOICE_ONLY
    chosen: list[int] = []
    for text in given:
        if not text.isdigit() or int(text) not in spec.choices:
            return Problem.NOT_A_CHOICE
        if int(text) not in chosen:
            chosen.append(int(text))
    return Checked(choices=tuple(chosen))
