"""Django's PostgreSQL backend, with a health check that costs no round trip while nothing has
come from the server (docs/adr/0037).

``CONN_HEALTH_CHECKS`` makes Django send ``SELECT 1`` before the first query of every request
and task on a kept connection: on a new case, one of its four round trips to the database. A
server that restarts, fails over with its sessions terminated, or closes an idle session tells
the client so — it sends its FATAL message or closes the socket — and the socket is then
readable. So the socket is asked first, without waiting: while nothing is there, the connection
is used as it is (the check Django's own connection pool makes); when something is, Django's
``SELECT 1`` decides, as before. A server that vanishes without a word (a host powered off
mid-session) is found by the request's first query instead, which fails that request as the
check's ``SELECT 1`` would have stalled it; Django drops the connection after it.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed:
            return False
        try:
            waiting, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return super().is_usable() if waiting else True
