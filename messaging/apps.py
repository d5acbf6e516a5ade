from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """Every message to a person: customers, councillors and clerks, staff."""

    name = "messaging"
    label = "messaging"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from contacts import hooks as contacts_hooks

        from . import hooks, outbox, presenters, voicemail

        contacts_hooks.case_rows_owed.register(outbox.acknowledgement_owed)
        contacts_hooks.case_created.register(hooks.on_case_created)
        contacts_hooks.case_resolved.register(hooks.on_case_resolved)
        contacts_hooks.milestone_extended.register(hooks.on_milestone_extended)
        contacts_hooks.case_transferred.register(hooks.on_case_transferred)
        contacts_hooks.voicemail_acknowledged.register(voicemail.on_voicemail_acknowledged)
        contacts_hooks.sla_alerts_owed.register(hooks.on_sla_alerts_owed)
        contacts_hooks.message_way.register(presenters.message_way)
        contacts_hooks.appointment_notice.register(hooks.on_appointment_changed)
