"""The one seam through which background jobs are queued.

Every job is queued after the surrounding transaction commits, so a worker never looks for a row
that is not there yet, and a rolled-back change queues nothing. A job that cannot be queued (the
broker is down) never fails the request that committed it: every job queued here works from rows
that beat finds again (``messaging.tasks.messages_redispatch``), so the failure is logged — the
task's name only, never its arguments, which may name a person — and left to beat.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

log = logging.getLogger(__name__)


def _send(task: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except Exception as error:
        log.warning(
            "Could not queue %s (%s); beat will pick up the work it stands for.",
            getattr(task, "name", task),
            type(error).__name__,
        )


def enqueue(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue ``task`` with its arguments once the current transaction commits."""
    send: Callable[[], None] = lambda: _send(task, args, kwargs)  # noqa: E731
    transaction.on_commit(send)
