"""An API token: one client's key, acting as one user, for some endpoints, until a date."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

from .scopes import Scope


class ApiTokenManager(BaseAPIKeyManager):
    def get_usable_keys(self) -> models.QuerySet:
        # Revoked, expired or rotated: none of them is looked at.
        return self.filter(revoked=False, expiry_date__gt=timezone.now()).select_related("user")


class ApiToken(AbstractAPIKey):
    """The key itself is shown once, when the token is made, and stored only as its SHA-512
    (djangorestframework-api-key); ``prefix`` finds the row."""

    objects = ApiTokenManager()  # type: ignore[assignment,misc]

    name = models.CharField(
        _("client"), max_length=80, help_text=_("Who uses this token, e.g. the telephony system.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("acts as"),
        help_text=_("The token sees and does only what this user may."),
    )
    # A list of Scope values (JSON, for SQLite runs the demo); the admin's form offers them.
    scopes = models.JSONField(
        _("scopes"), default=list, blank=True, help_text=_("The endpoints the token may use.")
    )
    # Required: a token that never expires is refused (the column cannot be empty).
    expiry_date = models.DateTimeField(
        _("expires"), help_text=_("The token stops working at this time.")
    )
    revoked = models.BooleanField(
        _("revoked"),
        default=False,
        help_text=_("A revoked token stops working at once. This cannot be undone."),
    )
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API token")  # type: ignore[assignment]
        verbose_name_plural = _("API tokens")  # type: ignore[assignment]

    def allows(self, scope: Scope) -> bool:
        return isinstance(self.scopes, list) and scope.value in self.scopes
