"""Which staff pages each role may open, and where each role's work is.

Roles are the unit of permission (SPEC §1): a page names the roles it serves, and anyone else
who is signed in gets the 403 page, which tells them where their own work is.
"""

from collections.abc import Callable, Collection
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from .models import STAFF_ROLES, SUBMITTER_ROLES, Role, User

# A view keeps its own type through ``role_required``: a page stays a page, a file a file.
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


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
    if user.role == Role.DATA_PROTECTION_OFFICER:
        # Reads no case: their work is the audit of who read what (SPEC §12).
        return "audit:case-reads"
    return None


def role_required(roles: Collection[str]) -> Callable[[View], View]:
    """Signed-in users of ``roles`` only; others signed in get 403, visitors the sign-in page."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if signed_in(request).role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # ``wraps`` gives the wrapper the view's name and signature; it answers what the view does.
        return cast(View, login_required(wrapped))

    return decorator


def signed_in(request: Any) -> User:
    """The user of a request that ``login_required``, ``role_required`` or DRF's
    authentication let through (Django's or DRF's request), typed as the user it is; anyone
    else is refused, so a view that forgot its decorator fails closed."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
