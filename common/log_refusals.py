"""A logging filter that keeps a refusal to one line: Django logs every 403 and 404 with the
exception that caused it, so a short walk through the demo as the wrong role printed hundreds of
``PermissionDenied`` tracebacks, burying the errors that matter. A refusal is the application
working; the line saying which status for which path is all an operator needs."""

import logging

#: The statuses logged without their traceback.
REFUSALS = frozenset({403, 404})


class RefusalsWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in REFUSALS:
            record.exc_info = None
            record.exc_text = None
        return True
