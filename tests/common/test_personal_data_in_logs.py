"""Residents' e-mail addresses, phone numbers and postcodes never reach the logs, even inside
an exception's text (issue 17 item 6): the console handler of the LOGGING setting masks them."""

import io
import logging
from collections.abc import Iterator

import pytest

from common.log_redaction import personal_data_redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # E-mail addresses keep their domain.
        (
            "Key (email)=(gwen.parry@example.com) already exists.",
            "Key (email)=([redacted]@example.com) already exists.",
        ),
        ("From: Gwen <gwen+bins@mail.example.co.uk>", "From: Gwen <[redacted]@mail.example.co.uk>"),
        # Phone numbers as people write them.
        ("to 07700 900123: refused", "to [redacted]: refused"),
        ("to 07700900123.", "to [redacted]."),
        ("+44 7700 900123", "[redacted]"),
        ("(01824) 706000", "[redacted]"),
        # Postcodes in any case, with or without the space.
        ("LL15 1YN", "[redacted]"),
        ("ll151yn", "[redacted]"),
        ("Caerfyrddin SA31 3QB", "Caerfyrddin [redacted]"),
        # What the logs rightly hold is left alone.
        (
            '"GET /en/cases/CYS-2026-000001/ HTTP/1.1" 200 15658',
            '"GET /en/cases/CYS-2026-000001/ HTTP/1.1" 200 15658',
        ),
        ('"GET /en/search/?s=j0SuOCbq3cBq HTTP/1.1" 200 9675', None),
        (
            "[2026-12-07 06:31:31,844: INFO/MainProcess] Task messaging.tasks.message_deliver"
            "[20625038-fe1b-4a97-bbc1-e69660b0a5d4] succeeded in 0.49199726299957547s: 1",
            None,
        ),
        ("Delivery of message 4213 failed: SMTPRecipientsRefused", None),
    ],
)
def test_what_is_masked(text, expected):
    assert personal_data_redact(text) == (text if expected is None else expected)


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the LOGGING setting's console handler writes."""
    (handler,) = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def test_a_traceback_is_logged_without_the_details_it_carries(console):
    log = logging.getLogger("channels_app.inbound.imap")
    try:
        raise ValueError(
            "duplicate key: Key (email)=(gwen.parry@example.com); phone 07700 900123; LL15 1YN"
        )
    except ValueError:
        log.exception("%s: message %s could not be accepted", "waste@example.gov.wales", 7)

    written = console.getvalue()
    assert written.splitlines()[0] == (
        "[redacted]@example.gov.wales: message 7 could not be accepted"
    )
    assert (
        "ValueError: duplicate key: Key (email)=([redacted]@example.com); phone [redacted]; "
        "[redacted]"
    ) in written
    for detail in ("gwen.parry", "07700", "LL15"):
        assert detail not in written


def test_a_worker_s_own_log_handlers_mask_them_too():
    """Celery takes over the root logger in a worker (its own handlers, not LOGGING's)."""
    from celery.signals import after_setup_logger

    from config.celery import app

    buffer = io.StringIO()
    logger = logging.getLogger("tests.worker-like")
    logger.propagate = False
    logger.handlers = [logging.StreamHandler(buffer)]
    logger.setLevel(logging.INFO)
    after_setup_logger.send(
        sender=None, logger=logger, loglevel=logging.INFO, logfile=None, format="", colorize=False
    )
    assert app.main == "cyswllt"

    logger.info("Refused for gwen.parry@example.com, 07700 900123, LL15 1YN, ?api_key=abc123")

    assert buffer.getvalue() == (
        "Refused for [redacted]@example.com, [redacted], [redacted], ?api_key=[redacted]\n"
    )
