"""What someone locked out of signing in is told (django-axes' AXES_LOCKOUT_CALLABLE).

The page (or, for the API, the JSON error) says how long to wait and nothing about whether the
password was right: a locked-out account answers the same to the right password and a wrong one.
"""

import math
from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

STATUS = 429


def lockout_message(request: HttpRequest) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0
    return ngettext(
        "There have been too many attempts to sign in. Wait %(minutes)s minute and try again.",
        "There have been too many attempts to sign in. Wait %(minutes)s minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    message = lockout_message(request)
    cool_off = get_cool_off(request)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=STATUS)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=STATUS)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def client_str(
    username: str, ip_address: str, user_agent: str, path_info: str, request: HttpRequest
) -> str:
    """How axes' log lines name an attempt: by the path alone, never the person or address."""
    return f"a sign-in at {path_info}"


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The username an attempt is counted against: what was typed, cut to the longest a
    username can be (anything longer names no account, and the attempts table stops there),
    without NUL characters (PostgreSQL stores none, and no username has one)."""
    typed = (credentials or {}).get("username")
    if typed is None:
        typed = request.POST.get("username", "") if request.method == "POST" else ""
    return str(typed).replace("\x00", "")[:150]
