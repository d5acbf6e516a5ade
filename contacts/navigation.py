"""The service navigation's links to the user's queues, with how many open cases each holds."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accounts.models import STAFF_ROLES, SUBMITTER_ROLES, User
from accounts.second_factor.policy import second_factor_owed

from .selectors import queue_counts


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    count: int | None
    count_id: str  # the element htmx refreshes the count into

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def navigation_items(*, user: User) -> list[NavItem]:
    """The queues the user works from; administrators work in the admin, which has its own."""
    if user.role in STAFF_ROLES:
        counts = queue_counts(user=user)
        return [
            NavItem(_("My work"), "contacts:my-work", counts.mine, "app-count-mine"),
            NavItem(_("Team queue"), "contacts:team-queue", counts.team, "app-count-team"),
        ]
    if user.role in SUBMITTER_ROLES:
        counts = queue_counts(user=user)
        return [
            NavItem(
                _("My enquiries"), "contacts:my-enquiries", counts.submitted, "app-count-submitted"
            )
        ]
    if user.is_administrator:
        return [
            NavItem(_("Administration"), "admin:index", None, ""),
            NavItem(_("Audit of reads"), "audit:case-reads", None, ""),
        ]
    if user.reads_audit:
        return [NavItem(_("Audit of reads"), "audit:case-reads", None, "")]
    return []


def queue_navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor. Lazy: a page that shows no navigation (an error page) costs no
    query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if second_factor_owed(user):
        # Every other page sends them back to the security code: offer none of them.
        return {"second_factor_owed": True}
    return {"queue_navigation": SimpleLazyObject(lambda: navigation_items(user=user))}
