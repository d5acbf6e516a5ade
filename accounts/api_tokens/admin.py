"""API tokens in the admin: made with a name, the user they act as, scopes and an expiry; the
key is shown once, on creation or rotation, and never again (only its hash is kept)."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import APIKey

from .models import ApiToken
from .scopes import Scope
from .services import api_token_rotate, api_token_save_new, check_expiry

# The library's own key model is not used: ours has a user, scopes and a required expiry.
admin.site.unregister(APIKey)


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one scope")},
    )

    class Meta:
        model = ApiToken
        fields = ("name", "user", "scopes", "expiry_date", "revoked")

    def clean_expiry_date(self) -> Any:
        expires_at = self.cleaned_data["expiry_date"]
        if self.instance.pk is None or "expiry_date" in self.changed_data:
            check_expiry(expires_at=expires_at, now=timezone.now())
        return expires_at


def _show_key(request: HttpRequest, token: ApiToken, key: str) -> None:
    messages.warning(
        request,
        gettext(
            "The key of the API token for %(client)s is %(key)s. Copy it now and keep it "
            "safe: it will not be shown again."
        )
        % {"client": token.name, "key": key},
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ("name", "prefix", "user", "created", "expiry_date", "revoked")
    list_filter = ("revoked",)
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    readonly_fields = ("prefix", "created", "replaced_by")
    actions = ("rotate",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.revoked:
            return (*self.readonly_fields, "name", "user", "scopes", "expiry_date", "revoked")
        if obj is not None:
            # A token's client and user do not change: a new client gets a token of its own.
            return (*self.readonly_fields, "name", "user")
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            obj.save()
            return
        _show_key(request, obj, api_token_save_new(token=obj, now=timezone.now()))

    @admin.action(description=_("Rotate the selected tokens (new keys, the old ones stop)"))
    def rotate(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        now = timezone.now()
        for token in queryset:
            # The new key lasts as long as the old one was given, from now.
            expires_at = now + (token.expiry_date - token.created)
            try:
                new, key = api_token_rotate(token=token, expires_at=expires_at, now=now)
            except ValidationError as error:
                messages.error(request, f"{token.name}: {' '.join(error.messages)}")
            else:
                _show_key(request, new, key)
