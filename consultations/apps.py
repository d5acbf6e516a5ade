from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Consultations and engagement (issue 18, docs/adr/0034)."""

    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        # "You said, we did" (complaints, a lower app) lists the published closing reports,
        # told through its registry (ADR 0015).
        from complaints import outcomes

        from .outcomes import published_outcomes

        outcomes.published_outcomes.register(published_outcomes)
