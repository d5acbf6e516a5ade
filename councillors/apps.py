from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncillorsConfig(AppConfig):
    name = "councillors"
    verbose_name = _("Councillors")
