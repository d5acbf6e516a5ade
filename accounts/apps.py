from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and teams")

    def ready(self) -> None:
        # Stamps each sign-in with its time, which the session limits count from.
        from . import session_limits  # noqa: F401

        # Tokens cached for the API are forgotten when they or their users change.
        from .api_tokens import lookup  # noqa: F401
