"""The cache as an aid, never a dependency: with Redis down every read is a miss and every write
is skipped, with a warning in the log, instead of an exception that answered every request 500
for as long as Redis was away (issue 20: 15 s of Redis outage, 15 s of 500s on the API).

What the cache holds here may be lost: the case rules' version (a miss makes the process read
its rules from the database again), the public forms' throttles (a miss lets the request
through), the IMAP fetch lock (a failed ``add`` reads as "someone else holds it", so the fetch
waits for its next run). Sessions are in the database, and a job the broker cannot take is left
to beat (``common.jobs``).
"""

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
T = TypeVar("T")


def _or(operation: str, fallback: T, call: Callable[[], T]) -> T:
    try:
        return call()
    except UNREACHABLE as error:
        log.warning(
            "The cache is unreachable (%s in %s): going on without it.",
            type(error).__name__,
            operation,
        )
        return fallback


class DegradingRedisCache(RedisCache):
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return _or("get", default, lambda: RedisCache.get(self, key, default, version))

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return _or("get_many", {}, lambda: RedisCache.get_many(self, keys, version))

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return _or("has_key", False, lambda: RedisCache.has_key(self, key, version))

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return _or("add", False, lambda: RedisCache.add(self, key, value, timeout, version))

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        _or("set", None, lambda: RedisCache.set(self, key, value, timeout, version))

    def set_many(
        self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        return _or("set_many", [], lambda: RedisCache.set_many(self, data, timeout, version))

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return _or("touch", False, lambda: RedisCache.touch(self, key, timeout, version))

    def delete(self, key: Any, version: int | None = None) -> bool:
        return _or("delete", False, lambda: RedisCache.delete(self, key, version))

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        _or("delete_many", None, lambda: RedisCache.delete_many(self, keys, version))

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        # Nothing counted: a throttle lets the request through rather than fail it.
        return _or("incr", 0, lambda: RedisCache.incr(self, key, delta, version))
