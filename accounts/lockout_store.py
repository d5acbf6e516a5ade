"""django-axes' database handler, with an address nobody could read stored as empty.

``common.client_address`` answers "unknown" when the socket's peer is unreadable (a Unix
socket, a test's fake request); the attempts table keeps addresses in an IP column, which
PostgreSQL refuses "unknown" for. Such attempts are kept under no address: the account and
"no address" are still one pair to lock.
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler

from common.client_address import UNKNOWN


def _readable(request: Any) -> None:
    if request is not None and getattr(request, "axes_ip_address", None) == UNKNOWN:
        request.axes_ip_address = None


class LockoutStore(AxesDatabaseHandler):
    def is_allowed(self, request: Any, credentials: Any = None) -> bool:
        _readable(request)
        return super().is_allowed(request, credentials)

    def is_locked(self, request: Any, credentials: Any = None) -> bool:
        _readable(request)
        return super().is_locked(request, credentials)

    def get_failures(self, request: Any, credentials: Any = None) -> int:
        _readable(request)
        return super().get_failures(request, credentials)

    def user_login_failed(self, sender: Any, credentials: Any, request: Any = None, **kwargs: Any):
        _readable(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender: Any, request: Any, user: Any, **kwargs: Any):
        _readable(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender: Any, request: Any, user: Any, **kwargs: Any):
        _readable(request)
        return super().user_logged_out(sender, request, user, **kwargs)
