"""Every milestone kind and every named set of kinds: the one place a kind is spelt.

The catalogue's kinds (``MilestoneKind``) are what a target of a standard promises; a case has
one milestone per kind. Complaints add one kind a catalogue target never has
(``STAGE2_ACKNOWLEDGE``), because a social-services complaint already has a stage 1
acknowledgement. Code elsewhere names a kind or a set of kinds only through this module
(migrations and data files excepted).

No imports beyond Django's translation and choices, so every app can use it.
"""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class MilestoneKind(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    #: Tell the customer who is dealing with their enquiry and when the full response will
    #: come (a text's second step, SPEC §10): an automatic thank-you does not meet it.
    CONFIRM = "confirm", _("Confirm who and when")
    RESPOND = "respond", _("Respond")
    CALLBACK = "callback", _("Call back")
    SEEN = "seen", _("See the customer")
    ARRIVE = "arrive", _("Arrive")
    #: The page published in English (a web change, an emergency's first publication); a web
    #: change's Welsh page is ``WELSH_VERSION`` (docs/adr/0033).
    PUBLISH = "publish", _("Publish in English")
    CONTACT = "contact", _("Make contact")
    OUTCOME = "outcome", _("Tell the outcome")
    RESOLVE = "resolve", _("Resolve")
    WELSH_VERSION = "welsh_version", _("Publish the Welsh version")


ACKNOWLEDGE = MilestoneKind.ACKNOWLEDGE.value
CONFIRM = MilestoneKind.CONFIRM.value
RESPOND = MilestoneKind.RESPOND.value
CALLBACK = MilestoneKind.CALLBACK.value
SEEN = MilestoneKind.SEEN.value
ARRIVE = MilestoneKind.ARRIVE.value
PUBLISH = MilestoneKind.PUBLISH.value
CONTACT = MilestoneKind.CONTACT.value
OUTCOME = MilestoneKind.OUTCOME.value
RESOLVE = MilestoneKind.RESOLVE.value
WELSH_VERSION = MilestoneKind.WELSH_VERSION.value

#: A kind only complaint cases have (its target promises ``ACKNOWLEDGE``).
STAGE2_ACKNOWLEDGE = "stage2_acknowledge"

# --- Complaint stages (docs/adr/0012) ------------------------------------------------------

#: Stage 1's acknowledgement (social services only) and resolution: the complaint standard's
#: own "make contact" milestone, re-timed to the category's timescale.
STAGE1_ACKNOWLEDGE = ACKNOWLEDGE
STAGE1_RESOLVE = CONTACT
STAGE2_RESPOND = RESPOND
COMPLAINT_STAGE_1 = (STAGE1_ACKNOWLEDGE, STAGE1_RESOLVE)
COMPLAINT_STAGE_2 = (STAGE2_ACKNOWLEDGE, STAGE2_RESPOND)

# --- Named sets ------------------------------------------------------------------------------

#: Met by acknowledging a case (an action, or the acknowledgement message delivered).
ACKNOWLEDGES = (ACKNOWLEDGE,)
#: Met only by a message to the customer naming who is dealing with the enquiry and when the
#: full response will come (``messaging.confirmations``), never by an automatic thank-you.
CONFIRMS = (CONFIRM,)
#: Met by the full response to the customer (the acknowledgement and the confirmation too, if
#: still owed: the answer itself says who dealt with it).
MET_BY_RESPONSE = (ACKNOWLEDGE, CONFIRM, RESPOND, CONTACT, OUTCOME)
#: Met only by recording the page published, with its address (``publishing``, docs/adr/0033):
#: never by a reply or by resolving the case.
PUBLICATIONS = (PUBLISH, WELSH_VERSION)
#: Recorded as done by hand on the case page: the callback made, the customer seen at their
#: appointment, the officer arrived at the agreed time.
RECORDED_BY_HAND = (CALLBACK, SEEN, ARRIVE)
#: The deadline the customer is told as "when the full answer will come" in messages, and
#: whose extension they are told of.
FULL_RESPONSE_PROMISED = (RESPOND, CONTACT, OUTCOME)
#: The milestones that promise the full answer, in the order the log-a-contact banner looks
#: for one to name.
FULL_RESPONSE_BANNER = (RESPOND, CONTACT, OUTCOME, RESOLVE, CALLBACK, SEEN, ARRIVE)
#: The response a councillor's enquiry promises; a delay notice moves it.
MEMBER_RESPONSE = RESPOND
#: A visitor seen at reception.
VISITOR_SEEN = SEEN
#: What the evaluation figures count as first and full answers.
ANSWERS = (ACKNOWLEDGE, CONFIRM, RESPOND)

# --- Names -------------------------------------------------------------------------------------

#: Kinds only complaints have, named on every page that lists a case's milestones.
OWN_KIND_LABELS: dict[str, Promise] = {STAGE2_ACKNOWLEDGE: _("Stage 2: acknowledge")}

#: Names of the stage milestones on the complaint's own page.
STAGE_LABELS: dict[str, Promise] = {
    STAGE1_ACKNOWLEDGE: _("Stage 1: acknowledge"),
    STAGE1_RESOLVE: _("Stage 1: resolve"),
    STAGE2_ACKNOWLEDGE: _("Stage 2: acknowledge"),
    STAGE2_RESPOND: _("Stage 2: full response"),
}


def kind_label(kind: str) -> str:
    """The milestone's name ("Respond", "Call back"), or its code if the catalogue has a kind
    this release does not know yet."""
    if kind in MilestoneKind.values:
        return str(MilestoneKind(kind).label)
    return str(OWN_KIND_LABELS.get(kind, kind))
