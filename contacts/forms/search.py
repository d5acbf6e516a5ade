"""The search box."""

from django import forms
from django.utils.translation import gettext_lazy as _

#: Longer than any name, address or reference; a pasted essay is refused, not searched.
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search cases"),
        help_text=_(
            "Reference, customer's name, e-mail address, phone number or postcode, "
            "or words in the case"
        ),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Search for %(limit_value)s characters or fewer"),
            "null_characters_not_allowed": _("The search must not contain null characters"),
        },
    )
