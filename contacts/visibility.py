"""The one visibility policy (SPEC §1 and §9, docs/adr/0018): which cases a user may see, which
of a case's fields, and which customers. Every read of a case asks it: pages, the API, search,
exports, letters, alerts, dashboards, members' pages and Open311 start from ``case_visible_to``
(or filter their rows with it), so that a confidential case reaches nobody the rule leaves out,
not even as a count.

- Administrators: every case.
- Staff (advisors, managers, complaints officers) with a service: one council, so every case
  that is not confidential, of any service, to read (acting on one is for its service's staff,
  ``policies.can_work``). Of the confidential cases: a complaint only to the complaints officers
  and managers of its service who are not named in it (the complaints app says who, through
  ``hooks.complaints_readable``); any other only to staff of its own service.
- Councillors and clerks: what the councillors app lets them follow (``hooks.members_cases``:
  what they raised, were copied into, their council's or wards'), never a complaint, and a
  confidential case only if it is their own. Of another member's enquiry they read the outline
  only (``OUTLINE``): no free text, nothing of the resident.
- Anyone else (a data protection officer, an integration): no case.

Staff who may not read a confidential case learn nothing of it; the policy is a filter, so
what it leaves out is absent from lists, counts, search and the customer's history alike.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value

from accounts.models import STAFF_ROLES, SUBMITTER_ROLES, User

from . import hooks
from .models import Case, CaseKind, Customer

COMPLAINT = Q(kind=CaseKind.COMPLAINT)


def case_visible_to(user: User) -> QuerySet[Case]:
    """The cases ``user`` may see: one filter that every read path composes with its own."""
    cases = Case.objects.all()
    if not user.is_authenticated:
        return cases.none()
    if user.is_administrator:
        return cases
    if user.role in STAFF_ROLES:
        return cases.filter(staff_reads(user)) if user.service_id else cases.none()
    if user.role in SUBMITTER_ROLES:
        return hooks.members_cases(user).filter(members_reads(user))
    return cases.none()


def staff_reads(user: User) -> Q:
    """The cases a member of staff with a service may read, as a condition over cases.

    The first branch holds nearly every case and costs nothing to test; each page's own index
    (owner, team, customer, words, reference) finds its rows and this only filters them. The
    confidential branches are the partial index ``case_confidential`` (service, kind).
    """
    own_service = Q(service_id=user.service_id)
    return (
        Q(confidential=False)
        | (own_service & ~COMPLAINT)
        # Whatever the complaints app answers, it can only open complaints.
        | (COMPLAINT & hooks.complaints_readable(user))
    )


def members_reads(user: User) -> Q:
    """Of the enquiries a councillor or clerk follows, those they may see: never a complaint
    (its details are the complaints team's, whoever raised it); a confidential case only if it
    is their own (its service alone would say too much of the resident)."""
    return ~COMPLAINT & (Q(confidential=False) | hooks.members_own_cases(user))


# --- Which fields ----------------------------------------------------------------------------

#: What a councillor or clerk reads of an enquiry they follow but did not raise (a ward's, one
#: they were copied into): enough to follow it, nothing that describes or names the resident.
OUTLINE = frozenset(
    {"reference", "kind", "service", "status", "dates", "deadlines", "ward", "community_council"}
)
#: What is withheld from them: every free text (the summary, the description, staff notes,
#: replies, what officers told the member who raised it), the resident and the channel's
#: details (addresses, numbers), who owns it, and the attachments.
WITHHELD = frozenset(
    {
        "summary",
        "description",
        "customer",
        "channel_details",
        "notes",
        "replies",
        "updates",
        "owner",
        "attachments",
    }
)

#: The annotation ``with_field_rule`` adds: the user reads the case in full.
IN_FULL = "in_full"


def _reads_in_full(user: User) -> Q | None:
    """The cases ``user`` reads in full among those they may see, or ``None`` for all."""
    if user.role in SUBMITTER_ROLES and not user.is_administrator:
        return hooks.members_own_cases(user)
    return None


def with_field_rule(cases: QuerySet[Case], user: User) -> QuerySet[Case]:
    """``cases`` (already filtered by ``case_visible_to``) each with ``in_full``, decided
    in the same query, so that a list of members' enquiries costs no query per row."""
    condition = _reads_in_full(user)
    flag = Value(True) if condition is None else condition
    return cases.annotate(**{IN_FULL: ExpressionWrapper(flag, output_field=BooleanField())})


def case_redactions(user: User, case: Case) -> frozenset[str]:
    """The fields of ``case``, which ``user`` may see, that ``user`` must not be shown (see
    ``WITHHELD``); empty when they read all of it. Free for a case read through
    ``with_field_rule`` and for the member who raised it; one query otherwise."""
    in_full = getattr(case, IN_FULL, None)
    if in_full is None:
        condition = _reads_in_full(user)
        in_full = (
            condition is None
            or case.submitted_by_id == user.pk
            or Case.objects.filter(condition, pk=case.pk).exists()
        )
    return frozenset() if in_full else WITHHELD


# --- Customers -------------------------------------------------------------------------------


def customer_visible_to(user: User) -> QuerySet[Customer]:
    """The customers ``user`` may find and open: one record for the whole council, so every
    one for staff of any service and administrators (the cases listed with a customer are
    still those of ``case_visible_to``); none for councillors, clerks and anyone else, who
    give a resident's details instead."""
    customers = Customer.objects.all()
    if user.is_authenticated and (
        user.is_administrator or (user.role in STAFF_ROLES and user.service_id)
    ):
        return customers
    return customers.none()
