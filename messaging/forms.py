"""The officer's reply to the customer, on the case page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.forms.case_actions import TextField


class ReplyForm(forms.Form):
    text = TextField(label=_("Your reply"), required_message=_("Write the reply."))
    responds = forms.BooleanField(
        label=_("This is the full response the customer was promised"), required=False
    )
