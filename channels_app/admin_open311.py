"""Open311 clients in the admin: a key is issued when a client is added (or on demand) and
shown once, in the message after saving; only its hash is kept."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import Open311Client
from .open311.keys import key_assign, open311_client_create


class Open311ClientAddForm(forms.ModelForm):
    user = forms.ModelChoiceField(
        queryset=User.objects.filter(open311_client__isnull=True),
        required=False,
        label=_("account"),
        help_text=_(
            "Leave empty for a new client. For a client that reported before keys were "
            "issued here, choose the account it used, so that it still reads its reports."
        ),
    )

    class Meta:
        model = Open311Client
        fields = ("name", "user")


def _show_key(request: HttpRequest, client: Open311Client, key: str) -> None:
    messages.warning(
        request,
        gettext(
            "The key for %(name)s is %(key)s. Copy it now and give it to the client securely: "
            "it will not be shown again."
        )
        % {"name": client.name, "key": key},
    )


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "key_prefix", "active", "created_at", "last_used_at")
    list_filter = ("active",)
    search_fields = ("name", "key_prefix")
    readonly_fields = ("user", "key_prefix", "created_at", "last_used_at")
    fields = ("name", "user", "key_prefix", "active", "created_at", "last_used_at")
    actions = ("issue_new_key",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = Open311ClientAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ("name", "user") if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        client, key = open311_client_create(
            name=form.cleaned_data["name"], user=form.cleaned_data.get("user")
        )
        obj.pk = client.pk  # the admin's redirect and log name the row just made
        obj.user, obj.key_prefix, obj.key_hash = client.user, client.key_prefix, client.key_hash
        _show_key(request, client, key)

    @admin.action(description=_("Issue a new key (the old one stops working)"))
    def issue_new_key(self, request: HttpRequest, queryset: QuerySet[Open311Client]) -> None:
        if queryset.count() != 1:
            self.message_user(
                request, gettext("Choose one client at a time."), level=messages.ERROR
            )
            return
        client = queryset.get()
        key = key_assign(client)
        client.save(update_fields=["key_prefix", "key_hash"])
        _show_key(request, client, key)
