"""The case page's reply action: an officer writes to the customer (``replies.case_reply``).

Built with the case actions' own page (``contacts.views.case_actions.action_view``), so it
looks and behaves like every other action."""

from django.utils.translation import gettext_lazy as _

from accounts.access import signed_in
from contacts.views.case_actions import Action, action_view

from .forms import ReplyForm
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
    {"status": "responds", "customer": "__all__", "method": "__all__"},
)

reply = action_view(REPLY)
