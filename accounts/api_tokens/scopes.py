"""What each API token scope opens: a table of the API's routes by name, read or write.

A route a token's scopes do not name is refused, and so is a route this table does not know:
a new endpoint is closed to tokens until someone decides which scope it belongs to.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Read cases and customer records")
    CASES_WRITE = "cases:write", _("Log contacts and act on cases")
    COMPLAINTS_READ = "complaints:read", _("Read complaints")
    ENQUIRIES_READ = "enquiries:read", _("Read members' enquiries")
    ENQUIRIES_WRITE = "enquiries:write", _("Raise members' enquiries and answer them")
    PRINT_QUEUE = "print-queue", _("The print queue: letters to post")
    INBOUND = "inbound", _("Deliver inbound e-mail")


#: Route-name prefixes and the scope a safe (read) and an unsafe (write) request needs.
#: Longest prefix first: "member-enquiry-officer" before "member-enquiry".
_ROUTES: tuple[tuple[str, Scope, Scope], ...] = (
    ("member-enquiry-officer-", Scope.ENQUIRIES_WRITE, Scope.ENQUIRIES_WRITE),
    ("member-enquiry-", Scope.ENQUIRIES_READ, Scope.ENQUIRIES_WRITE),
    ("case-", Scope.CASES_READ, Scope.CASES_WRITE),
    ("customer-", Scope.CASES_READ, Scope.CASES_WRITE),
    ("complaint-", Scope.COMPLAINTS_READ, Scope.COMPLAINTS_READ),
    ("letter-", Scope.PRINT_QUEUE, Scope.PRINT_QUEUE),
    ("inbound-email", Scope.INBOUND, Scope.INBOUND),
)
#: Routes any valid token may read: the API's own description.
OPEN_ROUTES = frozenset({"api-schema", "api-docs"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def scope_needed(route_name: str | None, method: str) -> Scope | None:
    """The scope a request to ``route_name`` needs, or ``None`` when no scope opens it."""
    for prefix, read, write in _ROUTES:
        if route_name and route_name.startswith(prefix):
            return read if method.upper() in SAFE_METHODS else write
    return None
