"""The case page's messages to the customer: an officer's reply (``replies.case_reply``) and the
confirmation of who is dealing with it and when (``confirmations.case_confirm``).

Built with the case actions' own page (``contacts.views.case_actions.action_view``), so they
look and behave like every other action."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.access import signed_in
from contacts.views.case_actions import Action, action_view

from .confirmations import case_confirm, case_deadline
from .forms import ConfirmForm, ReplyForm
from .replies import case_reply

REPLY = Action(
    "reply",
    _("Reply to the customer"),
    _("Send reply"),
    _("Reply queued to be sent to the customer."),
    "messaging/case_reply.html",
    lambda request, case, data: ReplyForm(data),
    lambda request, case, form: case_reply(
        case=case,
        actor=signed_in(request),
        text=form.cleaned_data["text"],
        responds=form.cleaned_data["responds"],
    ),
    {"status": "responds", "customer": "__all__", "method": "__all__", "fax": "__all__"},
)

CONFIRM = Action(
    "confirm",
    _("Confirm who is dealing with it"),
    _("Send confirmation"),
    _("The customer will be told who is dealing with it and when."),
    "messaging/case_confirm.html",
    lambda request, case, data: ConfirmForm(
        data, case=case, deadline=case_deadline(case), language=get_language()
    ),
    lambda request, case, form: case_confirm(
        case=case,
        actor=signed_in(request),
        full_response_on=form.cleaned_data.get("full_response_on"),
    ),
    {"status": "__all__", "customer": "__all__", "method": "__all__", "fax": "__all__"},
)

reply = action_view(REPLY)
confirm = action_view(CONFIRM)
