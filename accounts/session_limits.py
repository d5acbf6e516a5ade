"""Staff sessions end after SESSION_IDLE_TIMEOUT without a request and SESSION_ABSOLUTE_LIFETIME
after signing in, whatever is done meanwhile (SPEC §12). Django's own session age only ends a
cookie; these limits are kept in the session and checked on every request."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

SIGNED_IN_AT = "cyswllt_signed_in_at"
SEEN_AT = "cyswllt_seen_at"
#: The last request's time is written at most this often (seconds): a session is not saved on
#: every request, and the idle limit is kept to within this.
SEEN_RESOLUTION = 60


@receiver(user_logged_in)
def _stamp_sign_in(sender: object, request: HttpRequest, **kwargs: object) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(timezone.now().timestamp())
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def session_ended(*, signed_in_at: int | None, seen_at: int | None, now: int) -> str | None:
    """Why a session is over at ``now`` ("idle", "lifetime"), or ``None`` while it lasts. A
    session with no stamps began before the limits existed: it is over."""
    if signed_in_at is None or seen_at is None:
        return "lifetime"
    if now - signed_in_at >= settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
        return "lifetime"
    if now - seen_at >= settings.SESSION_IDLE_TIMEOUT.total_seconds():
        return "idle"
    return None


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = int(timezone.now().timestamp())
        ended = session_ended(
            signed_in_at=session.get(SIGNED_IN_AT), seen_at=session.get(SEEN_AT), now=now
        )
        if ended is None:
            if now - session[SEEN_AT] >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
            return
        # Signed out before the view runs: the request carries on as a visitor's, so a page
        # sends them to sign in again and the API answers as to anyone without credentials.
        logout(request)
        if ended == "idle":
            minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)
            text = _(
                "You have been signed out because you had not used Cyswllt for %(minutes)s "
                "minutes. Sign in again to carry on."
            ) % {"minutes": minutes}
        else:
            hours = int(settings.SESSION_ABSOLUTE_LIFETIME.total_seconds() // 3600)
            text = _(
                "You have been signed out because you signed in more than %(hours)s hours ago. "
                "Sign in again to carry on."
            ) % {"hours": hours}
        messages.info(request, text)
