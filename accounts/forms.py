"""The sign-in form, worded the way GOV.UK forms word their errors."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User
from .selectors import colleagues_of


class SignInForm(AuthenticationForm):
    """Django's authentication with error messages that say what to do, in the page's language.

    Django's own messages name the username field in lower case and mention case sensitivity;
    GOV.UK's pattern is one plain sentence per problem.
    """

    error_messages = {
        "invalid_login": _("Enter a correct username and password"),
        "inactive": _("This account has been closed. Ask an administrator for help"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].error_messages["required"] = _("Enter your username")
        self.fields["password"].label = _("Password")
        self.fields["password"].error_messages["required"] = _("Enter your password")
        password = self.fields["password"]
        assert isinstance(password, forms.CharField)
        password.strip = False

    def clean(self) -> dict[str, object]:
        try:
            return super().clean()
        except forms.ValidationError as error:
            # A wrong username or password belongs to no single field; GOV.UK links the
            # summary to the first one.
            self.add_error("username", error)
            return self.cleaned_data


class ColleagueChoiceField(forms.ModelChoiceField):
    """A colleague by name, or by username when no name is recorded."""

    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class AbsenceForm(forms.Form):
    """An officer's own absence. The cover is chosen from colleagues in the same service."""

    starts_on = forms.DateField(
        label=_("First day away"), error_messages={"required": _("Enter the first day away")}
    )
    ends_on = forms.DateField(
        label=_("Last day away"), error_messages={"required": _("Enter the last day away")}
    )
    cover = ColleagueChoiceField(
        queryset=None,
        required=False,
        label=_("Colleague covering (optional)"),
        empty_label=_("Nobody"),
        error_messages={"invalid_choice": _("Choose a colleague from your own service")},
    )
    urgent_contact = forms.CharField(
        label=_("Contact for urgent matters (optional)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The urgent contact must be 200 characters or fewer")},
    )

    def __init__(self, *args: Any, officer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].error_messages["invalid"] = _("Enter a real date")
        self.fields["ends_on"].error_messages["invalid"] = _("Enter a real date")
        cover = self.fields["cover"]
        assert isinstance(cover, forms.ModelChoiceField)
        cover.queryset = colleagues_of(officer)
