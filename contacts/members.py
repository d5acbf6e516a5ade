"""A contact a councillor or a town or community council clerk made through the council's
front door (the contact centre, a department mailbox): whose it is, and the kind of case it
makes, so that it becomes an enquiry the member follows (SPEC §7, docs/adr/0024).

Every way in asks ``case_submitter`` before ``case_create``: the staff form with the member
the advisor chose and the addresses it was given, the mailboxes with the sender's address.
What the member then holds (the member enquiry record, their council's councillors copied in,
the notice that it was logged) is the councillors app's, done when the case is created
(``contacts.hooks.case_created``).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.models import SUBMITTER_ROLES, User
from accounts.selectors import member_by_address
from common.errors import ServiceError

from .policies import member_case_kind


@dataclass(frozen=True)
class Submitter:
    """Whose contact it is (``member``: ``None`` for anyone else) and the kind of case it
    makes."""

    member: User | None
    kind: str


def case_submitter(
    *, kind: str, member: User | None = None, addresses: Iterable[str] = ()
) -> Submitter:
    """The member chosen for the contact, else the member whose registered e-mail address is
    among ``addresses`` (``accounts.selectors.member_by_address``), and what their contact of
    ``kind`` makes (``policies.member_case_kind``).

    A member chosen for a contact they do not raise (a complaint) is refused: the advisor
    chose it, and says which it is. A member recognised by address for such a contact makes
    an ordinary case: a councillor may complain about their own bin."""
    if member is not None:
        if member.role not in SUBMITTER_ROLES or not member.is_active:
            raise ServiceError({"member": _("Choose a councillor or clerk from the list.")})
        made = member_case_kind(member.role, kind)
        if made is None:
            raise ServiceError(
                {
                    "member": _(
                        "A councillor's or clerk's contact is logged as an enquiry or a "
                        "service request: choose one of those, or no councillor or clerk."
                    )
                }
            )
        return Submitter(member, made)
    for address in addresses:
        recognised = member_by_address(address)
        if recognised is not None:
            made = member_case_kind(recognised.role, kind)
            return Submitter(recognised, made) if made else Submitter(None, kind)
    return Submitter(None, kind)
