"""Who runs consultations: staff (and administrators) granted the permission
``consultations.run_consultations`` (through a group, e.g. the engagement team's), since not
every officer should read residents' responses. Administrators have it by their role
(``accounts.backends``)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.access import role_required
from accounts.models import STAFF_ROLES, Role

PERMISSION = "consultations.run_consultations"
OFFICER_ROLES = (*STAFF_ROLES, Role.ADMINISTRATOR)

View = Callable[..., HttpResponse]


def consultation_officer(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return role_required(OFFICER_ROLES)(wrapped)
