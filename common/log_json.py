"""Log lines as JSON, one event per line (``CYSWLLT_LOG_FORMAT=json``), for a council's log
platform to index: time, level, logger, message, the request's id, the signed-in user's numeric
id, the case's reference where the call gives one (``log.info(..., extra={"case_reference":
case.reference})``), and the response's status where Django gives it.

Only those fields are written. Why not python-json-logger: it writes every attribute a log call
or a library adds to the record, which is the wrong default here: Django's ``django.request``
records carry the whole request (whose text holds the query string, where a search names a
resident) and a library may add anything. With the fields listed, what is left to a library is a
``json.dumps``. The message and the traceback are those the redaction filters on the handler
already masked (``common/log_redaction.py``); a refusal's traceback was dropped before that
(``common/log_refusals.py``).
"""

import json
import logging
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, empty

from .request_context import current_request

#: Attributes of a record written when a log call or Django sets them.
EXTRA_FIELDS = ("request_id", "user_id", "case_reference", "status_code")


def _user_id(request: HttpRequest) -> int | None:
    user = request.__dict__.get("user")
    if user is None:
        return None
    if isinstance(user, SimpleLazyObject) and user.__dict__.get("_wrapped", empty) is empty:
        # Not looked up by anything yet: looking it up here would query the database from
        # inside a log call.
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


class RequestContext(logging.Filter):
    """Puts the request's id and its user's id on each record written while it is answered (or
    about it: Django logs some refusals after the middleware has returned, with the request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):
            request = current_request.get()
        if request is not None:
            if getattr(record, "request_id", None) is None:
                record.request_id = getattr(request, "request_id", None)
            if getattr(record, "user_id", None) is None:
                record.user_id = _user_id(request)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in EXTRA_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                event[field] = value if isinstance(value, int | float) else str(value)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            event["exception"] = record.exc_text
        if record.stack_info:
            event["stack"] = self.formatStack(record.stack_info)
        # One line whatever the message holds: json.dumps escapes newlines.
        return json.dumps(event, ensure_ascii=False)
