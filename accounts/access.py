"""Which staff pages each role may open, and where each role's work is.

Roles are the unit of permission (SPEC §1): a page names the roles it serves, and anyone else
who is signed in gets the 403 page, which tells them where their own work is.
"""

from collections.abc import Callable, Collection
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .models import STAFF_ROLES, SUBMITTER_ROLES, User

View = Callable[..., HttpResponse]


def landing_url_name(user: User) -> str | None:
    """The page a user starts on after signing in: where their work is.

    ``None`` for a role with no pages of its own yet (every role today has one), which the
    landing page refuses rather than guessing what it may see.
    """
    if user.is_administrator:
        return "admin:index"
    if user.role in SUBMITTER_ROLES:
        return "contacts:my-enquiries"
    if user.role in STAFF_ROLES:
        return "contacts:my-work"
    return None


def role_required(roles: Collection[str]) -> Callable[[View], View]:
    """Signed-in users of ``roles`` only; others signed in get 403, visitors the sign-in page."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
