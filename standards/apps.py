from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "standards"
    verbose_name = _("Customer Care Standards")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects them)
