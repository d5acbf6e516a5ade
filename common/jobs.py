"""The one seam through which background jobs are queued.

Every job is queued after the surrounding transaction commits, so a worker never looks for a row
that is not there yet, and a rolled-back change queues nothing.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction


def enqueue(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue ``task`` with its arguments once the current transaction commits."""
    send: Callable[[], Any] = lambda: task.apply_async(args=args, kwargs=kwargs)  # noqa: E731
    transaction.on_commit(send)
