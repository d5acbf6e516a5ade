"""The backoff between delivery attempts: doubling from 30 seconds, never past an hour."""

from datetime import timedelta

import pytest

from messaging.domain.retries import MAX_ATTEMPTS, gives_up, retry_delay


@pytest.mark.parametrize(
    ("attempts", "seconds"),
    [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (40, 3600)],
)
def test_the_wait_doubles_up_to_an_hour(attempts, seconds):
    assert retry_delay(attempts) == timedelta(seconds=seconds)


def test_a_retry_follows_an_attempt():
    with pytest.raises(ValueError):
        retry_delay(0)


def test_gives_up_after_the_last_attempt():
    assert not gives_up(MAX_ATTEMPTS - 1)
    assert gives_up(MAX_ATTEMPTS)
