"""Finding the customer a contact is from, so that one person keeps one history (changes to a
customer's record are ``contacts.services.customers``).

Advisors type what the caller tells them; the same number or postcode is written in several
ways, so the look-ups compare a few normal forms of it, each against an indexed column.
"""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Customer

#: More than this many customers sharing a detail is a busy postcode, not a duplicate.
MAX_MATCHES = 10


def phone_normalise(phone: str) -> str:
    """Digits and a leading +, as new customers' numbers are stored."""
    phone = phone.strip()
    return ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


def postcode_normalise(postcode: str) -> str:
    """Capitals with one space before the inward code (``LL15 1YN``)."""
    compact = re.sub(r"\s", "", postcode).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


@dataclass(frozen=True)
class CustomerMatch:
    customer: Customer
    on: tuple[str, ...]  # which details matched: "email", "phone", "postcode"


def customer_matches(
    *, customers: QuerySet[Customer], email: str = "", phone: str = "", postcode: str = ""
) -> list[CustomerMatch]:
    """Of ``customers`` (those the user may open: ``visibility.customer_visible_to``), those
    sharing the e-mail address, phone number or postcode typed, those matching on more (and on
    the stronger details) first. One query."""
    email, phone, postcode = email.strip()[:254], phone.strip()[:30], postcode.strip()[:10]
    condition = Q()
    if email:
        condition |= Q(email__in={email, email.lower()})
    phones = {phone, phone_normalise(phone)} - {"", "+"} if phone else set()
    if phones:
        condition |= Q(phone__in=phones)
    postcodes = {postcode, postcode_normalise(postcode), postcode.replace(" ", "").upper()} - {""}
    if postcode and postcodes:
        condition |= Q(postcode__in=postcodes)
    if not condition:
        return []
    matches = []
    for customer in customers.filter(condition).order_by("name", "id")[: MAX_MATCHES * 3]:
        on = tuple(
            detail
            for detail, matched in (
                ("email", bool(email) and customer.email.lower() == email.lower()),
                ("phone", customer.phone in phones),
                ("postcode", customer.postcode in postcodes),
            )
            if matched
        )
        matches.append(CustomerMatch(customer, on))
    strength = {"email": 4, "phone": 2, "postcode": 1}
    matches.sort(key=lambda m: -sum(strength[d] for d in m.on))
    return matches[:MAX_MATCHES]
