from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Website change requests and emergency information, published in both languages
    (docs/adr/0033)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "publishing"
    verbose_name = _("Web publishing")
