from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        # What contacts must know of complaints, told through its registry (ADR 0015).
        from contacts import hooks

        from .access import complaint_audience, complaint_receivers, complaints_readable
        from .services import compliment_from_case

        hooks.complaints_readable.register(complaints_readable)
        hooks.case_receivers.register(complaint_receivers)
        hooks.case_audience.register(complaint_audience)
        hooks.case_created.register(compliment_from_case)
