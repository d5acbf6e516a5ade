"""Real servers for the delivery tests, in this process: SMTP (aiosmtpd) and GOV.UK Notify."""

import email
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from .notify_server import NotifyServer


class Inbox:
    """What the SMTP server accepted."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def notify_server():
    """A local GOV.UK Notify (``notify_server.py``) on a free port."""
    server = NotifyServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def emailed_cases(service, count: int, *, received_at):
    """``count`` cases e-mailed to a department by different residents, each owing its
    acknowledgement."""
    from tests.factories import make_case

    return [
        make_case(
            service=service,
            received_at=received_at,
            details={
                "contact_type": "department",
                "from_address": f"resident{n}@example.com",
                "to_address": "waste@example.gov.wales",
            },
        )
        for n in range(count)
    ]
