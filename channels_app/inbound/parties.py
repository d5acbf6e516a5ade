"""Who may write on a case by e-mail: its parties. A reply naming a case (its reference in the
subject, or a reply to one of its messages) is added to it only when it comes from one of
them; from anyone else it waits in the quarantine for staff (``pipeline.inbound_accept``).

The parties are the customer (their recorded address), the address that opened the case by
e-mail, and the councillor or clerk who raised it. Staff are not: they write on a case in
Cyswllt itself, and an e-mail's From is not authenticated, so a staff address (easily
guessed) would let anyone write on any case.
"""

from contacts.models import Case
from standards.channels import Channel


def case_party_addresses(case: Case) -> set[str]:
    """The e-mail addresses of the case's parties, lower case."""
    addresses = set()
    if case.channel == Channel.EMAIL:
        addresses.add(str(case.channel_details.get("from_address") or ""))
    if case.customer is not None:
        addresses.add(case.customer.email)
    if case.submitted_by is not None:
        addresses.add(case.submitted_by.email)
    return {address.strip().lower() for address in addresses if address and address.strip()}


def is_case_party(case: Case, address: str) -> bool:
    """Whether ``address`` (an e-mail's sender) is one of the case's parties, ignoring case."""
    return bool(address) and address.strip().lower() in case_party_addresses(case)
