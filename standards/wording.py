"""A target's description, written from its milestone, rule and amount in the page's language.

The description ("Respond within 10 working days") used to be typed beside the rule and the
amount, so an administrator who changed the target to 12 days left the public page promising
10. Written from the target itself, it cannot disagree with the deadline cases are given
(docs/adr/0041).
"""

from django.utils.functional import Promise
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from .domain.deadlines import Rule
from .milestone_kinds import MilestoneKind

_CONTEXT = "a target of a standard"


#: What the council promises to do, with ``%(deadline)s`` where the deadline goes. Lazy, so only
#: the one a description needs is translated: every new case's API answer describes its targets.
_ACTIONS: dict[str, Promise] = {
    MilestoneKind.ACKNOWLEDGE: pgettext_lazy(_CONTEXT, "Acknowledge %(deadline)s"),
    MilestoneKind.CONFIRM: pgettext_lazy(
        _CONTEXT, "Confirm who will deal with the enquiry and when, %(deadline)s"
    ),
    MilestoneKind.RESPOND: pgettext_lazy(_CONTEXT, "Respond %(deadline)s"),
    MilestoneKind.CALLBACK: pgettext_lazy(_CONTEXT, "Call back %(deadline)s"),
    MilestoneKind.SEEN: pgettext_lazy(_CONTEXT, "See the customer %(deadline)s"),
    MilestoneKind.ARRIVE: pgettext_lazy(_CONTEXT, "Arrive %(deadline)s"),
    MilestoneKind.PUBLISH: pgettext_lazy(_CONTEXT, "Publish in English %(deadline)s"),
    MilestoneKind.CONTACT: pgettext_lazy(_CONTEXT, "Make contact %(deadline)s"),
    MilestoneKind.OUTCOME: pgettext_lazy(_CONTEXT, "Tell the customer the outcome %(deadline)s"),
    MilestoneKind.RESOLVE: pgettext_lazy(_CONTEXT, "Resolve %(deadline)s"),
    MilestoneKind.WELSH_VERSION: pgettext_lazy(_CONTEXT, "Publish the Welsh version %(deadline)s"),
}
_ANY_ACTION: Promise = pgettext_lazy(_CONTEXT, "Meet the target %(deadline)s")


def _action(milestone: str) -> str:
    return str(_ACTIONS.get(milestone, _ANY_ACTION))


def _deadline(rule: str, amount: int | None) -> str:
    count = amount or 0
    if rule == Rule.WORKING_DAYS:
        text = npgettext(
            _CONTEXT, "within %(count)s working day", "within %(count)s working days", count
        )
    elif rule == Rule.HOURS:
        text = npgettext(_CONTEXT, "within %(count)s hour", "within %(count)s hours", count)
    elif rule == Rule.MINUTES_AFTER_SCHEDULED:
        text = npgettext(
            _CONTEXT,
            "within %(count)s minute of the agreed time",
            "within %(count)s minutes of the agreed time",
            count,
        )
    elif rule == Rule.CALENDAR_MONTHS:
        text = npgettext(
            _CONTEXT, "within %(count)s calendar month", "within %(count)s calendar months", count
        )
    elif rule == Rule.AT_SCHEDULED:
        return pgettext(_CONTEXT, "at the agreed time")
    else:  # measured: no deadline, only how long it took
        return pgettext(_CONTEXT, "(measured, no deadline)")
    return text % {"count": count}


def target_description(*, milestone: str, rule: str, amount: int | None) -> str:
    """The target in words, in the active language: "Respond within 12 working days"."""
    return _action(milestone) % {"deadline": _deadline(rule, amount)}
