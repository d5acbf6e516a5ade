from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Website change requests and emergency information, published in both languages
    (docs/adr/0033)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "publishing"
    verbose_name = _("Web publishing")

    def ready(self) -> None:
        from contacts import hooks as contacts_hooks

        from . import hooks

        contacts_hooks.case_created.register(hooks.on_case_created)
