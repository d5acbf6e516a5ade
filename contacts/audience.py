"""Who may be told of a case: the one visibility policy and ``policies.can_work``, as a
set-based filter of rows that pair a case with a person (SPEC §9).

An e-mail about a case (a deadline alert, a transfer notice) carries its reference, summary and
customer, so it may go only to someone who may open the case (``selectors.case_visible_to``)
and act on it (``policies.can_work``): an administrator, or staff of the case's service, and
for a confidential case only those the higher apps allow (``hooks.case_audience``: a complaint
only to complaints officers and managers of its service who are not named in it). A job about
many cases at once, such as the SLA sweep, filters every (case, person) pair in one statement;
``tests/contacts/test_audience.py`` checks that this answers as the policy does, pair by pair.
"""

from typing import TypeVar, cast

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from accounts.models import STAFF_ROLES, Role, User

from . import hooks
from .models import Case, CaseKind
from .policies import can_work
from .selectors import case_visible_to

Rows = TypeVar("Rows", bound=QuerySet)

#: The cases the policy keeps from some staff of their own service, as a filter of cases and as
#: SQL over a case aliased ``c``, for figures counted apart from the rest (the SLA dashboard).
#: Complaints only: other confidential cases (``Case.confidential``) are read by every member
#: of staff of their service, and a service's figures are shown to its own staff (ADR 0018).
CONFIDENTIAL = Q(kind=CaseKind.COMPLAINT)
CONFIDENTIAL_SQL = "c.kind = 'complaint'"


def case_field(case: str, name: str) -> str:
    """The lookup of the case's field ``name`` from a row whose path to its case is ``case``
    ("" when the rows are cases themselves)."""
    return f"{case}__{name}" if case else name


def told_of_cases(rows: Rows, *, case: str, person: str) -> Rows:
    """Of ``rows``, those whose person (``person``: the path from a row to a user's id) may be
    told of its case (``case``: the path from a row to the case, "" for cases)."""
    may_work = User.objects.filter(pk=OuterRef(person), is_active=True).filter(
        Q(role=Role.ADMINISTRATOR)
        | Q(is_superuser=True)
        | Q(role__in=STAFF_ROLES, team__service_id=OuterRef(case_field(case, "service_id")))
    )
    rows = rows.filter(Exists(may_work))
    return cast(Rows, hooks.case_audience.apply(rows, case=case, person=person))


def may_be_told(user: User, *, case: Case) -> bool:
    """Whether one person may be told of one case: the policy itself, asked directly."""
    return (
        user.is_active
        and can_work(user, case)
        and case_visible_to(user).filter(pk=case.pk).exists()
    )


def open_to_its_service(case: Case) -> bool:
    """Whether every active member of staff of the case's service may be told of it: all a
    shared mailbox, read by whoever the team lets read it, may be told of."""
    staff = (
        Case.objects.filter(pk=case.pk)
        .annotate(person=F("service__teams__members__id"))
        .filter(person__in=User.objects.filter(is_active=True, role__in=STAFF_ROLES).values("pk"))
    )
    return staff.count() == told_of_cases(staff, case="", person="person").count()
