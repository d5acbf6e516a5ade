import pytest
from django.core.cache import cache

from channels_app.webforms import throttle
from consultations.views.public import RESPONSES_PER_CLIENT
from tests.throttles import LOCAL


@pytest.fixture(autouse=True)
def responses_unthrottled():
    """The response throttle's counter lives in the shared Redis: each test starts (and
    leaves) it at zero."""
    key = throttle._key(RESPONSES_PER_CLIENT, LOCAL)
    cache.delete(key)
    yield
    cache.delete(key)
