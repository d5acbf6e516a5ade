"""The officer's messages to the customer from the case page: a reply, and the confirmation of
who is dealing with it and when."""

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from common.form_fields import DayField
from contacts.forms.case_actions import TextField

from .confirmations import REFUSALS
from .domain.confirmations import DayRefused
from .messages import format_date


class ReplyForm(forms.Form):
    text = TextField(label=_("Your reply"), required_message=_("Write the reply."))
    responds = forms.BooleanField(
        label=_("This is the full response the customer was promised"), required=False
    )


class ConfirmForm(forms.Form):
    """Who is named is the case's owner and team; the date is the case's own deadline when it
    has one, else the day the officer gives (checked by ``case_confirm``)."""

    full_response_on = DayField(
        label=_("Date the customer will get a full response"),
        required_message=REFUSALS[DayRefused.MISSING],
    )

    def __init__(self, data=None, *, case, deadline: datetime | None, language: str) -> None:
        super().__init__(data)
        self.deadline = format_date(deadline, language) if deadline else ""
        if deadline is not None:
            del self.fields["full_response_on"]
        owner = case.owner
        self.officer = (owner.get_full_name() or owner.get_username()) if owner else ""
        self.handler = case.team.name if case.team_id else case.service.name
