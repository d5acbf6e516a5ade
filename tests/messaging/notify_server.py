"""A local HTTP server that speaks GOV.UK Notify's text message API, for the delivery tests.

It checks what Notify checks: a Bearer JWT signed HS256 with the secret half of the API key,
issued by the key's service, within 30 seconds of now; a known template with its placeholders
filled; a UK mobile number. Its answers have Notify's shapes, so the real
``notifications-python-client`` is what the tests exercise.
"""

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

SERVICE_ID = "3f4ab5a2-6c1e-4b8e-9f0d-2a7c1d9e8b01"
SECRET = "9d2e1c7a-4b5f-4e3a-8c6d-1f0a2b3c4d5e"
API_KEY = f"cyswllt_test-{SERVICE_ID}-{SECRET}"
#: The one text template Cyswllt uses: its whole content is the message Cyswllt rendered.
TEMPLATE_ID = "b1c6f3d0-7e2a-4d5b-9a8c-0e1f2a3b4c5d"
SMS_SENDER_ID = "e7d6c5b4-a392-4817-8f6e-5d4c3b2a1908"
DEFAULT_SENDER = "GOVUK"
CLOCK_TOLERANCE = 30  # seconds either way, as Notify allows
MAX_CHARACTERS = 918

_PLACEHOLDER = re.compile(r"\(\(([^()]+)\)\)")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

INJECTED = {
    500: ("Exception", "Internal server error"),
    429: (
        "RateLimitError",
        "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
    ),
}


class Refused(Exception):
    def __init__(self, status: int, error: str, *messages: str) -> None:
        super().__init__(messages)
        self.status, self.error, self.messages = status, error, messages

    def body(self) -> dict[str, Any]:
        return {
            "status_code": self.status,
            "errors": [{"error": self.error, "message": message} for message in self.messages],
        }


@dataclass
class Request:
    """One request as the server saw it, whatever it answered."""

    method: str
    path: str
    headers: dict[str, str]
    payload: Any
    status: int = 0


@dataclass
class NotifyServer:
    api_key: str = API_KEY
    templates: dict[str, str] = field(default_factory=lambda: {TEMPLATE_ID: "((body))"})
    sms_senders: dict[str, str] = field(default_factory=lambda: {SMS_SENDER_ID: "Cyngor"})
    requests: list[Request] = field(default_factory=list)
    #: The notifications Notify accepted, as it would store them.
    notifications: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.service_id = self.api_key[-73:-37]
        self.secret = self.api_key[-36:]
        self._failures: list[int] = []
        self._lock = threading.Lock()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    def fail_next(self, count: int, *, status: int = 500) -> None:
        """Answer the next ``count`` requests with ``status`` (500 or 429), as Notify does when
        it is down or the key is over its rate limit."""
        with self._lock:
            self._failures.extend([status] * count)

    def environment(self) -> dict[str, str]:
        """The settings a worker process needs to send through this server."""
        return {
            "NOTIFY_API_KEY": self.api_key,
            "NOTIFY_BASE_URL": self.url,
            "NOTIFY_SMS_TEMPLATE_ID": TEMPLATE_ID,
        }

    def handle(self, request: Request) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.requests.append(request)
            injected = self._failures.pop(0) if self._failures else None
        try:
            self._authenticate(request.headers.get("Authorization", ""))
            if injected:
                raise Refused(injected, *INJECTED[injected])
            if (request.method, request.path) != ("POST", "/v2/notifications/sms"):
                raise Refused(404, "NoResultFound", "No result found")
            notification = self._send_sms(request.payload)
        except Refused as refusal:
            request.status = refusal.status
            return refusal.status, refusal.body()
        with self._lock:
            self.notifications.append(notification)
        request.status = 201
        return 201, notification["response"]

    def _authenticate(self, header: str) -> None:
        if not header:
            raise Refused(401, "AuthError", "Unauthorized: authentication token must be provided")
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer" or not token:
            raise Refused(
                401, "AuthError", "Unauthorized: authentication bearer scheme must be used"
            )
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
            algorithm = jwt.get_unverified_header(token).get("alg")
        except jwt.PyJWTError:
            raise Refused(403, "AuthError", "Invalid token: signature") from None
        if algorithm != "HS256":
            raise Refused(403, "AuthError", "Invalid token: algorithm used is not HS256")
        if "iss" not in claims:
            raise Refused(403, "AuthError", "Invalid token: iss field not provided")
        if claims["iss"] != self.service_id:
            raise Refused(403, "AuthError", "Invalid token: service not found")
        try:
            jwt.decode(token, self.secret, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.PyJWTError:
            raise Refused(403, "AuthError", "Invalid token: API key not found") from None
        if "iat" not in claims:
            raise Refused(403, "AuthError", "Invalid token: iat field not provided")
        if abs(time.time() - int(claims["iat"])) > CLOCK_TOLERANCE:
            raise Refused(
                403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds"
            )

    def _send_sms(self, payload: Any) -> dict[str, Any]:
        if not isinstance(payload, dict):
            raise Refused(400, "BadRequestError", "Invalid JSON supplied in POST data")
        problems = [
            f"{name} is a required property"
            for name in ("phone_number", "template_id")
            if name not in payload
        ]
        template_id = payload.get("template_id")
        if template_id is not None and not _UUID.match(str(template_id)):
            problems.append("template_id is not a valid UUID")
        personalisation = payload.get("personalisation") or {}
        if not isinstance(personalisation, dict):
            problems.append(f"personalisation {personalisation} is not of type object")
        reference = payload.get("reference")
        if reference is not None and not isinstance(reference, str):
            problems.append(f"reference {reference} is not of type string")
        if "phone_number" in payload and (problem := phone_problem(payload["phone_number"])):
            problems.append(f"phone_number {problem}")
        if problems:
            raise Refused(400, "ValidationError", *problems)

        content = self.templates.get(template_id)
        if content is None:
            raise Refused(400, "BadRequestError", "Template not found")
        missing = [n for n in _PLACEHOLDER.findall(content) if n not in personalisation]
        if missing:
            raise Refused(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        sender_id = payload.get("sms_sender_id")
        if sender_id is not None and sender_id not in self.sms_senders:
            raise Refused(
                400,
                "BadRequestError",
                f"sms_sender_id {sender_id} does not exist in database for service id "
                f"{self.service_id}",
            )
        body = _PLACEHOLDER.sub(lambda m: str(personalisation[m.group(1)]), content).strip()
        if len(body) > MAX_CHARACTERS:
            raise Refused(
                400,
                "BadRequestError",
                f"Text messages cannot be longer than {MAX_CHARACTERS} characters. "
                f"Your message is {len(body)} characters long.",
            )
        notification_id = str(uuid.uuid4())
        api = "https://api.notifications.service.gov.uk"
        return {
            "phone_number": payload["phone_number"],
            "body": body,
            "reference": reference,
            "sms_sender_id": sender_id,
            "response": {
                "id": notification_id,
                "reference": reference,
                "content": {
                    "body": body,
                    "from_number": self.sms_senders.get(sender_id, DEFAULT_SENDER),
                },
                "uri": f"{api}/v2/notifications/{notification_id}",
                "template": {
                    "id": template_id,
                    "version": 1,
                    "uri": f"{api}/services/{self.service_id}/templates/{template_id}",
                },
                "scheduled_for": None,
            },
        }


def phone_problem(number: Any) -> str:
    """Why Notify would refuse ``number`` for a service that texts UK mobiles only, or ``""``."""
    if not isinstance(number, str):
        return "Not a UK mobile number"
    digits = re.sub(r"[\s()\-.]", "", number).removeprefix("+")
    if not digits.isdigit():
        return "Must not contain letters or symbols"
    for prefix in ("0044", "44", "0"):
        if digits.startswith(prefix):
            digits = digits.removeprefix(prefix).removeprefix("0")
            break
    if not digits.startswith("7"):
        return "Not a UK mobile number"
    if len(digits) > 10:
        return "Too many digits"
    if len(digits) < 10:
        return "Not enough digits"
    return ""


def _handler(server: NotifyServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            payload: Any = None
            if self.headers.get("Content-Type", "").startswith("application/json"):
                try:
                    payload = json.loads(raw or b"null")
                except ValueError:
                    payload = None
            request = Request(self.command, self.path, dict(self.headers.items()), payload)
            status, body = server.handle(request)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the tests read ``server.requests``

    return Handler
