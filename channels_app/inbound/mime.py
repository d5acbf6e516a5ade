"""Reading an e-mail: raw MIME bytes into one normalised message, with the standard library's
``email`` package (``policy=default``).

``parse_email`` raises only ``MimeError`` (its ``code`` says why): whatever the bytes, the
caller either has a message or a reason to quarantine them. The parse stops at the limits of
``mime_limits`` (headers, parameters, parts, nesting), so a crafted message costs bounded work.

No text taken from a message holds a NUL character: PostgreSQL's text cannot store one, and a
Message-ID or subject carrying it made the message fail to store at all.
"""

import hashlib
import html
import mimetypes
import re
from dataclasses import dataclass
from email.message import EmailMessage, MIMEPart
from email.utils import getaddresses

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..domain.loops import is_automatic
from ..domain.threading import message_ids_in
from .mime_limits import MimeLimitExceeded, MimeLimits, parse_bounded

#: The headers ``is_automatic`` reads.
_LOOP_HEADERS = (
    "Auto-Submitted",
    "Precedence",
    "X-Auto-Response-Suppress",
    "X-Autoreply",
    "X-Autorespond",
    "List-Id",
    "List-Unsubscribe",
    "Return-Path",
    "Content-Type",
    "From",
)
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,996}>")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


class MimeError(ValueError):
    """The bytes are not an e-mail we can read. ``code`` is ``"too_large"``, ``"too_complex"``
    (beyond the ``MimeLimits``) or ``"malformed"``."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ParsedEmail:
    message_id: str  # with its angle brackets; made from the bytes when the sender gave none
    from_address: str
    from_name: str
    recipients: tuple[str, ...]  # To, Cc and Delivered-To, lower case
    subject: str
    text: str  # the plain body, or the text of the HTML body
    html: str  # the HTML body, sanitised; "" when there is none
    attachments: tuple[Attachment, ...]
    replies_to: tuple[str, ...]  # In-Reply-To and References, nearest first
    automatic: bool


def parse_email(raw: bytes, *, max_bytes: int, limits: MimeLimits | None = None) -> ParsedEmail:
    """The message in ``raw``. Raises ``MimeError`` and nothing else."""
    if not isinstance(raw, bytes | bytearray):
        raise MimeError("malformed", "Not bytes.")
    if len(raw) > max_bytes:
        raise MimeError("too_large", f"{len(raw)} bytes; the limit is {max_bytes}.")
    try:
        return _parse(bytes(raw), limits or MimeLimits())
    except MimeError:
        raise
    except MimeLimitExceeded as error:
        raise MimeError("too_complex", str(error)) from error
    except Exception as error:  # the email package's header parser has its own failures
        raise MimeError("malformed", f"Unreadable: {type(error).__name__}.") from error


def _parse(raw: bytes, limits: MimeLimits) -> ParsedEmail:
    if not raw.strip():
        raise MimeError("malformed", "Empty.")
    message = parse_bounded(raw, limits)
    from_name, from_address = _sender(message)
    message_id = _first_id(_header(message, "Message-ID"))
    if not message_id:
        # The same bytes delivered twice must still make one case.
        message_id = f"<{hashlib.sha256(raw).hexdigest()[:40]}@no-message-id.cyswllt>"
    text, body_html = _bodies(message)
    return ParsedEmail(
        message_id=message_id,
        from_address=from_address,
        from_name=from_name,
        recipients=_recipients(message),
        subject=" ".join(_header(message, "Subject").split())[:998],
        text=text,
        html=body_html,
        attachments=tuple(_attachments(message)),
        replies_to=tuple(
            message_ids_in([_header(message, "In-Reply-To"), _header(message, "References")])
        ),
        automatic=is_automatic(_present(message, _LOOP_HEADERS)),
    )


def _header(message: EmailMessage, name: str) -> str:
    """A header's decoded value, without NULs; "" when it is missing or cannot be read."""
    try:
        value = message.get(name)
        return "" if value is None else _no_nul(str(value))
    except Exception:
        try:  # the raw value, undecoded, is better than nothing
            raw = message.get_all(name, failobj=[""])[0]
            return _no_nul(str(raw))
        except Exception:
            return ""


def _no_nul(text: str) -> str:
    return text.replace("\x00", "")


def _present(message: EmailMessage, names: tuple[str, ...]) -> dict[str, str]:
    """The headers of ``names`` that the message has (``is_automatic`` counts presence)."""
    values = {name: _header(message, name) for name in names}
    return {name: value for name, value in values.items() if value}


def _first_id(value: str) -> str:
    match = _MESSAGE_ID.search(value)
    return match.group(0) if match else ""


def _sender(message: EmailMessage) -> tuple[str, str]:
    for name, address in getaddresses([_header(message, "From")]):
        address = address.strip().lower()
        try:
            validate_email(address)
        except ValidationError:
            continue
        if len(address) <= 254:
            return " ".join(name.split())[:200], address
    raise MimeError("malformed", "No sender's address.")


def _recipients(message: EmailMessage) -> tuple[str, ...]:
    values = [_header(message, name) for name in ("To", "Cc", "Delivered-To", "X-Original-To")]
    found: list[str] = []
    for _name, address in getaddresses(values):
        address = address.strip().lower()
        if address and address not in found:
            found.append(address)
    return tuple(found)


def _text_of(part: MIMEPart) -> str:
    """A text part's content, whatever its declared charset: unknown charsets and invalid
    bytes become replacement characters, not errors."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except Exception:
        pass
    payload = part.get_payload(decode=True) or b""
    if isinstance(payload, str):  # pragma: no cover - decode=True gives bytes
        return payload
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def _bodies(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(preferencelist=("plain",))
    rich = message.get_body(preferencelist=("html",))
    body_html = nh3.clean(_no_nul(_text_of(rich))).strip() if rich is not None else ""
    if plain is not None:
        text = _text_of(plain)
    elif rich is not None:
        # The words of the HTML, without its markup or the contents of script and style.
        text = html.unescape(nh3.clean(_text_of(rich), tags=set()))
    else:
        text = ""
    text = text.replace("\r\n", "\n").replace("\x00", "")
    return _BLANK_LINES.sub("\n\n", text).strip(), body_html


def _attachments(message: EmailMessage) -> list[Attachment]:
    # A single-part message that is not a text body is a file sent on its own (a scanner's
    # PDF, a phone's photo): the file is what the customer sent.
    if not message.is_multipart():
        alone = message.get_body(preferencelist=("plain", "html")) is None
        return [found for found in [_attachment(message)] if found] if alone else []
    return [found for part in message.iter_attachments() if (found := _attachment(part))]


def _attachment(part: EmailMessage) -> Attachment | None:
    if part.is_multipart():
        return None
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes) or not data:
        return None
    content_type = part.get_content_type()
    try:
        filename = _no_nul(part.get_filename() or "")
    except Exception:
        filename = ""
    # A nameless file is named by its type, so that the extension agrees with its content.
    filename = filename or "attachment" + (mimetypes.guess_extension(content_type) or "")
    return Attachment(filename=filename, content_type=content_type, data=data)
