"""Before any page, a signed-in user whose role needs a second factor passes it, or sets it up
if they have none yet. Only the pages that do that (and signing out) are open until then."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .policy import second_factor_owed

#: Views open to someone who has given their password but not yet their second factor.
OPEN_VIEWS = frozenset(
    {
        "accounts:second-factor-set-up",
        "accounts:second-factor-verify",
        "accounts:sign-out",
        "set_language",
    }
)


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not second_factor_owed(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Finish signing in with your security code first.")}, status=403
            )
        if not user_has_device(user):
            return redirect("accounts:second-factor-set-up")
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse("accounts:second-factor-verify") + (f"?{query}" if query else ""))
