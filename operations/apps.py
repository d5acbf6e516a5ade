from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """What an operator runs Cyswllt with: health and readiness answers, liveness checks of the
    worker and beat, metrics (docs/adr/0039). At the top of the stack, beside the demo: its
    metrics read every app's tables."""

    name = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from operations import heartbeats

        heartbeats.connect()
