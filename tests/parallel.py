"""Where each pytest-xdist worker keeps its shared state."""

from urllib.parse import urlsplit, urlunsplit


def redis_url_for_worker(url: str, worker: str) -> str:
    """Worker ``gwN`` counts down from the URL's database: with ``/15``, gw0 has 15 and gw1
    14. Down, not up, so that a suite on database 15 never reaches database 0, the one a
    developer's own Redis clients default to."""
    parts = urlsplit(url)
    base = int(parts.path.lstrip("/") or 0)
    database = base - int(worker.removeprefix("gw"))
    if database < 0:
        raise ValueError(
            f"Redis database {base} leaves too few below it for worker {worker}: "
            "point REDIS_URL at a higher database or run fewer workers."
        )
    return urlunsplit(parts._replace(path=f"/{database}"))
