from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Contacts and cases")

    def ready(self) -> None:
        # What the audit of reads, below contacts, must know of cases (ADR 0015, ADR 0021).
        from audit import hooks

        from .read_audit import case_id_of, case_references

        hooks.case_references.register(case_references)
        hooks.case_id_of.register(case_id_of)
