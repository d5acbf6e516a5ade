"""What the audit needs from the app that owns cases (ADR 0015: ``audit`` sits below
``contacts`` and cannot import it). ``contacts`` provides both in its ``AppConfig.ready()``.

The audit stores case ids; people ask about references. These two answers translate, one
query each however many rows a page shows.
"""

from collections.abc import Collection
from typing import Protocol

from common.registry import Provider


class CaseReferences(Protocol):
    def __call__(self, case_ids: Collection[int], /) -> dict[int, str]: ...


class CaseIdOf(Protocol):
    def __call__(self, reference: str, /) -> int | None: ...


def _no_references(case_ids: Collection[int], /) -> dict[int, str]:
    return {}


def _no_case(reference: str, /) -> None:
    return None


#: The references of these cases, whoever may see them (the audit names every case it holds).
case_references: Provider[CaseReferences] = Provider("case_references", _no_references)

#: The id of the case with this reference, or ``None`` when there is none.
case_id_of: Provider[CaseIdOf] = Provider("case_id_of", _no_case)
