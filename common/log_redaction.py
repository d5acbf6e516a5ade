"""A logging filter that masks secrets sent as URL parameters (an Open311 client's
``api_key``) in log lines: a request line logged by runserver, gunicorn or a library must not
put a client's key in the logs, where more people read it than hold it.

The parameters are ``CYSWLLT_REDACTED_PARAMETERS`` (``api_key`` always among them); the
filter sits on the log handlers (config/settings.py ``LOGGING``), so it sees every record
that reaches them, whichever logger wrote it. A second filter, ``RedactPersonalData``, masks
residents' e-mail addresses, phone numbers and postcodes the same way (issue 17).
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


#: E-mail addresses keep their domain (which service or provider, for whoever reads the log).
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
#: UK numbers as people write them: 0 or +44 then 9 or 10 more digits, spaced or not.
_PHONE = re.compile(r"(?<![\w.+])(?:\+44|\(?0)[\s()-]{0,2}(?:\d[\s()-]{0,2}){8,9}\d(?!\d)")
#: UK postcodes, in any case, with or without the space ("LL15 1YN", "ll151yn").
_POSTCODE = re.compile(r"(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


def personal_data_redact(text: str) -> str:
    """``text`` with e-mail addresses, UK phone numbers and postcodes masked."""
    text = _EMAIL.sub(rf"{MASK}@\g<1>", text)
    text = _PHONE.sub(MASK, text)
    return _POSTCODE.sub(MASK, text)


class RedactPersonalData(logging.Filter):
    """Masks e-mail addresses, UK phone numbers and postcodes in every log line and in the
    traceback it carries (UK GDPR, issue 17): the application logs none on purpose, but an
    exception's text may hold them — PostgreSQL's "Key (email)=(…) already exists", a mail
    parser's complaint about a header, a provider's refusal naming the recipient — and logs
    are read by more people, and kept longer, than the records. Names cannot be recognised
    by a pattern; no log line of the application writes one."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        redacted = personal_data_redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # Formatted here, once, so that every handler prints the masked text.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = personal_data_redact(record.exc_text)
        if record.stack_info:
            record.stack_info = personal_data_redact(record.stack_info)
        return True
