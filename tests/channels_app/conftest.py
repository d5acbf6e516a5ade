"""The channels' tests use the messaging tests' real SMTP and Notify servers."""

from tests.messaging.conftest import notify_server, smtp_inbox  # noqa: F401
