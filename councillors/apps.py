from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncillorsConfig(AppConfig):
    name = "councillors"
    verbose_name = _("Councillors")

    def ready(self) -> None:
        # What contacts must know of members' enquiries, told through its registry (ADR 0015).
        from contacts import hooks

        from .selectors import enquiries_read_in_full, enquiry_cases_visible_to
        from .services import enquiry_logged_for_member, enquiry_resolved

        hooks.members_cases.register(enquiry_cases_visible_to)
        hooks.members_own_cases.register(enquiries_read_in_full)
        hooks.case_resolved.register(enquiry_resolved)
        hooks.case_created.register(enquiry_logged_for_member)
