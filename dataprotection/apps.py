from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataProtectionConfig(AppConfig):
    """UK GDPR (issue 17): the retention schedule and its job, legal holds, subject access
    requests, rectification and erasure, and the data protection officer's pages."""

    name = "dataprotection"
    verbose_name = _("Data protection")
