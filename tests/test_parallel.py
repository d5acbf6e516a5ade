import pytest
from django.conf import settings

from config.celery import app

from .parallel import redis_url_for_worker


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/15", "gw0", "redis://127.0.0.1:6379/15"),
        ("redis://127.0.0.1:6379/15", "gw1", "redis://127.0.0.1:6379/14"),
        ("redis://127.0.0.1:6379/15", "gw3", "redis://127.0.0.1:6379/12"),
        ("redis://:secret@redis.internal:6380/9", "gw2", "redis://:secret@redis.internal:6380/7"),
    ],
)
def test_each_worker_counts_down_from_the_configured_database(url, worker, expected):
    assert redis_url_for_worker(url, worker) == expected


def test_a_worker_below_database_zero_is_refused():
    with pytest.raises(ValueError, match="gw2"):
        redis_url_for_worker("redis://127.0.0.1:6379/1", "gw2")


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_the_cache_and_the_broker_use_this_processs_database():
    from django.core.cache import cache

    assert settings.CACHES["default"]["LOCATION"] == settings.REDIS_URL
    assert app.conf.broker_url == settings.REDIS_URL
    database = int(settings.REDIS_URL.rsplit("/", 1)[1])
    assert cache._cache.get_client().connection_pool.connection_kwargs["db"] == database
