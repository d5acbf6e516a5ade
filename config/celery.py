"""The Celery application; tasks live in each app's ``tasks.py``."""

import logging
import os
import signal

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("cyswllt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def redact_worker_logs(logger: logging.Logger, **kwargs: object) -> None:
    """A worker replaces the LOGGING setting's handlers with its own, which would print
    secrets and residents' details that the web's handlers mask: the same filters go on
    Celery's handlers (issue 17), and with ``CYSWLLT_LOG_FORMAT=json`` the same JSON lines
    (Celery's own format otherwise: its task lines name the task)."""
    from django.conf import settings

    from common.log_json import JsonFormatter
    from common.log_redaction import RedactParameters, RedactPersonalData

    for handler in logger.handlers:
        if not any(isinstance(f, RedactPersonalData) for f in handler.filters):
            handler.addFilter(RedactParameters(settings.CYSWLLT_REDACTED_PARAMETERS))
            handler.addFilter(RedactPersonalData())
        if settings.CYSWLLT_LOG_FORMAT == "json":
            handler.setFormatter(JsonFormatter())


@worker_process_init.connect
def leave_sigterm_to_the_main_process(**kwargs: object) -> None:
    """A SIGTERM to the worker's whole process group (a terminal closing, a process manager
    stopping the group) reached the pool's children too: they died mid-task and the main
    process waited for them for ever in its warm shutdown. The main process alone handles it:
    it lets the children finish their task and stops them itself (issue 20)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
