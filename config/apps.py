from django.contrib.admin.apps import AdminConfig


class CyswlltAdminConfig(AdminConfig):
    """Django's admin with Cyswllt's site (config/admin.py), loaded once the models are."""

    default_site = "config.admin.CyswlltAdminSite"
