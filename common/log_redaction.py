"""A logging filter that masks secrets sent as URL parameters (an Open311 client's
``api_key``) in log lines: a request line logged by runserver, gunicorn or a library must not
put a client's key in the logs, where more people read it than hold it.

The parameters are ``CYSWLLT_REDACTED_PARAMETERS`` (``api_key`` always among them); the
filter sits on the log handlers (config/settings.py ``LOGGING``), so it sees every record
that reaches them, whichever logger wrote it.
"""

import logging
import re
from collections.abc import Iterable

MASK = "[redacted]"


def _name_pattern(name: str) -> str:
    # "api_key" also as a client may percent-encode it ("api%5Fkey"), which Django decodes.
    return "(?:_|%5[Ff])".join(re.escape(part) for part in name.split("_"))


class RedactParameters(logging.Filter):
    def __init__(self, parameters: Iterable[str] = ("api_key",), name: str = "") -> None:
        super().__init__(name)
        names = "|".join(_name_pattern(parameter) for parameter in parameters if parameter)
        # A parameter's value runs to the next separator of a URL or of a log line.
        self._pattern = re.compile(rf"(?i)(\b(?:{names})=)[^&;\s\"'#]*") if names else None

    def redact(self, text: str) -> str:
        return self._pattern.sub(rf"\g<1>{MASK}", text) if self._pattern else text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        redacted = self.redact(message)
        if redacted != message:
            # The formatted message replaces the template and its arguments, so no handler
            # after this one formats the key back in.
            record.msg, record.args = redacted, None
        return True
