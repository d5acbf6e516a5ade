"""What each channel records about a contact: one definition per channel, and nothing else.

A field added here is validated by the API (and described in its OpenAPI schema), asked on the
staff form when it has a question, shown on the case page when it has a label, and given in
the channel's sample payload when it has an example.
"""

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from standards.channels import Channel, EmailContact, PhoneContact, SocialPlatform, VisitContact

from .definition import ChannelDefinition, DetailField, Kind, Question

#: The web form a contact typed in by staff for a resident is recorded as having come from.
STAFF_ENTERED_FORM = "entered-by-staff"


def _moment(
    label: Promise,
    *,
    name: str | None = None,
    when: str,
    missing: Promise,
    incomplete: Promise,
    date: Promise,
    time: Promise,
) -> Question:
    """A date and time the form asks for one contact type, every error naming it."""
    return Question(
        label,
        name=name,
        when=(when,),
        required=True,
        message=missing,
        errors={"incomplete": incomplete, "invalid_date": date, "invalid_time": time},
    )


def _caller_number(when: str) -> Question:
    """The caller's number, asked under each kind of call that needs one to call back."""
    return Question(
        _("Caller's number"),
        name=f"{when}_number",
        when=(when,),
        required=True,
        message=_("Enter the caller's number"),
        errors={
            "invalid": _(
                "Enter the caller's number using digits, spaces and an optional leading +"
            ),
            "max_length": _("The caller's number must be 30 characters or fewer"),
        },
    )


def _contact_type(
    choices: type[TextChoices], question: Promise, missing: Promise, *, example: str
) -> DetailField:
    """The contact type of a channel that has several: a required choice the staff form asks."""
    return DetailField(
        "contact_type",
        Kind.CHOICE,
        label=_("Type of contact"),
        required=True,
        choices=choices,
        asks=(Question(question, message=missing),),
        example=example,
    )


PHONE = ChannelDefinition(
    channel=Channel.PHONE,
    component="PhoneDetails",
    source_id="call_id",
    scheduled="callback_at",
    fields=(
        _contact_type(
            PhoneContact,
            _("What kind of call was it?"),
            _("Select what kind of call it was"),
            example=PhoneContact.CALLBACK,
        ),
        DetailField(
            "callback_at",
            Kind.DATETIME,
            label=_("Callback agreed for"),
            needed_for=(PhoneContact.CALLBACK,),
            needed_message=_("Give the time agreed with the caller for the callback."),
            asks=(
                _moment(
                    _("Callback time agreed with the caller"),
                    when=PhoneContact.CALLBACK,
                    missing=_("Enter the callback time agreed with the caller"),
                    incomplete=_("Enter the callback time in full: day, month, year and time"),
                    date=_("The callback date must be a real date"),
                    time=_("Enter the callback time like 14:30"),
                ),
            ),
            example="2026-07-01T14:00:00+01:00",
        ),
        DetailField(
            "caller_number",
            Kind.PHONE,
            label=_("Caller's number"),
            allow_blank=True,
            needed_for=(PhoneContact.CALLBACK, PhoneContact.VOICEMAIL),
            needed_message=_("Give the caller's number so that we can call back."),
            asks=(_caller_number(PhoneContact.CALLBACK), _caller_number(PhoneContact.VOICEMAIL)),
            example="01824 706000",
        ),
        DetailField("call_id", Kind.TEXT, max_length=200, example="call-7f3a9c"),
        DetailField("recording_url", Kind.URL, max_length=500),
        DetailField(
            "handled_in_welsh",
            Kind.BOOLEAN,
            label=_("Handled in Welsh"),
            default=False,
            asks=(Question(_("The call was handled in Welsh"), language="cy"),),
            example=True,
        ),
    ),
)

TEXT = ChannelDefinition(
    channel=Channel.TEXT,
    component="TextDetails",
    source_id="message_id",
    fields=(
        DetailField(
            "from_number",
            Kind.PHONE,
            label=_("From number"),
            required=True,
            asks=(
                Question(
                    _("Number the text came from"),
                    message=_("Enter the number the text came from"),
                    errors={
                        "invalid": _(
                            "Enter the number the text came from using digits, spaces and an "
                            "optional leading +"
                        ),
                        "max_length": _("The number must be 30 characters or fewer"),
                    },
                ),
            ),
            example="07700 900123",
        ),
        DetailField("message_id", Kind.TEXT, max_length=200, example="notify:3c4b1e2a"),
    ),
)

EMAIL = ChannelDefinition(
    channel=Channel.EMAIL,
    component="EmailDetails",
    source_id="message_id",
    fields=(
        _contact_type(
            EmailContact,
            _("Who was the e-mail sent to?"),
            _("Select who the e-mail was sent to"),
            example=EmailContact.DEPARTMENT,
        ),
        DetailField(
            "from_address",
            Kind.EMAIL,
            label=_("From"),
            required=True,
            max_length=254,
            asks=(
                Question(
                    _("Sender's e-mail address"),
                    message=_("Enter the sender's e-mail address"),
                    errors={
                        "invalid": _(
                            "Enter the sender's e-mail address in the correct format, like "
                            "name@example.com"
                        ),
                        "max_length": _(
                            "The sender's e-mail address must be 254 characters or fewer"
                        ),
                    },
                ),
            ),
            example="resident@example.com",
        ),
        DetailField(
            "to_address",
            Kind.EMAIL,
            label=_("To"),
            required=True,
            max_length=254,
            asks=(
                Question(
                    _("E-mail address it was sent to"),
                    message=_("Enter the e-mail address it was sent to"),
                    errors={
                        "invalid": _(
                            "Enter the e-mail address it was sent to in the correct format, like "
                            "name@example.gov.wales"
                        ),
                        "max_length": _(
                            "The e-mail address it was sent to must be 254 characters or fewer"
                        ),
                    },
                ),
            ),
            example="highways@example.gov.wales",
        ),
        DetailField(
            "subject",
            Kind.TEXT,
            label=_("Subject"),
            allow_blank=True,
            max_length=998,
            asks=(
                Question(
                    _("Subject"),
                    errors={"max_length": _("The subject must be 998 characters or fewer")},
                ),
            ),
            example="Pothole on Ffordd y Parc",
        ),
        DetailField("message_id", Kind.TEXT, max_length=998, example="<20260701.1234@example.com>"),
        # Set by the inbound adapter from the headers (channels_app.domain.loops.is_automatic):
        # an auto-reply, bounce or list message is recorded but never acknowledged.
        DetailField("automatic", Kind.BOOLEAN, example=False),
    ),
)

LETTER = ChannelDefinition(
    channel=Channel.LETTER,
    component="LetterDetails",
    fields=(
        DetailField(
            "postal_address",
            Kind.TEXT,
            label=_("Postal address"),
            required=True,
            max_length=500,
            asks=(
                Question(
                    _("Sender's postal address"),
                    textarea=True,
                    message=_("Enter the sender's postal address"),
                    errors={
                        "max_length": _(
                            "The sender's postal address must be 500 characters or fewer"
                        ),
                    },
                ),
            ),
            example="1 Stryd Fawr\nRhuthun",
        ),
        DetailField(
            "postcode",
            Kind.TEXT,
            label=_("Postcode"),
            allow_blank=True,
            max_length=10,
            asks=(
                Question(
                    _("Sender's postcode"),
                    name="letter_postcode",
                    width="govuk-input--width-10",
                    errors={
                        "max_length": _("The sender's postcode must be 10 characters or fewer")
                    },
                ),
            ),
            example="LL15 1AA",
        ),
        DetailField(
            "dated",
            Kind.DATE,
            label=_("Dated"),
            asks=(
                Question(
                    _("Date on the letter"),
                    errors={
                        "incomplete": _(
                            "Enter the date on the letter in full: day, month and year"
                        ),
                        "invalid_date": _("The date on the letter must be a real date"),
                    },
                ),
            ),
            example="2026-06-28",
        ),
    ),
)

FAX = ChannelDefinition(
    channel=Channel.FAX,
    component="FaxDetails",
    fields=(
        DetailField(
            "fax_number",
            Kind.PHONE,
            label=_("Fax number"),
            required=True,
            asks=(
                Question(
                    _("Number the fax came from"),
                    message=_("Enter the number the fax came from"),
                    errors={
                        "invalid": _(
                            "Enter the number the fax came from using digits, spaces and an "
                            "optional leading +"
                        ),
                        "max_length": _("The fax number must be 30 characters or fewer"),
                    },
                ),
            ),
            example="01824 707000",
        ),
    ),
)

VISIT = ChannelDefinition(
    channel=Channel.VISIT,
    component="VisitDetails",
    scheduled="scheduled_at",
    fields=(
        _contact_type(
            VisitContact,
            _("What kind of visit was it?"),
            _("Select what kind of visit it was"),
            example=VisitContact.APPOINTMENT,
        ),
        DetailField(
            "expected_wait_minutes",
            Kind.MINUTES,
            label=_("Expected wait"),
            min_value=0,
            max_value=600,
            asks=(
                Question(
                    _("Expected wait told to the visitor, in minutes"),
                    when=(VisitContact.RECEPTION,),
                    errors={
                        "invalid": _("Enter the expected wait as a whole number of minutes"),
                        "min_value": _("The expected wait must be between 0 and 600 minutes"),
                        "max_value": _("The expected wait must be between 0 and 600 minutes"),
                    },
                ),
            ),
        ),
        DetailField(
            "scheduled_at",
            Kind.DATETIME,
            label=_("Appointment or agreed time"),
            needed_for=(VisitContact.APPOINTMENT, VisitContact.OFFICER_VISIT),
            needed_message=_("Give the appointment or agreed visit time."),
            asks=(
                _moment(
                    _("Appointment time"),
                    name="appointment_at",
                    when=VisitContact.APPOINTMENT,
                    missing=_("Enter the appointment time"),
                    incomplete=_("Enter the appointment time in full: day, month, year and time"),
                    date=_("The appointment date must be a real date"),
                    time=_("Enter the appointment time like 14:30"),
                ),
                _moment(
                    _("Visit time agreed with the customer"),
                    name="officer_visit_at",
                    when=VisitContact.OFFICER_VISIT,
                    missing=_("Enter the visit time agreed with the customer"),
                    incomplete=_("Enter the visit time in full: day, month, year and time"),
                    date=_("The visit date must be a real date"),
                    time=_("Enter the visit time like 14:30"),
                ),
            ),
            example="2026-07-02T10:30:00+01:00",
        ),
        DetailField(
            "location",
            Kind.TEXT,
            label=_("Location"),
            allow_blank=True,
            max_length=200,
            asks=(
                Question(
                    _("Where"),
                    errors={"max_length": _("The place must be 200 characters or fewer")},
                ),
            ),
            example="Canolfan Ddinesig, Rhuthun",
        ),
    ),
)

WEBFORM = ChannelDefinition(
    channel=Channel.WEBFORM,
    component="WebformDetails",
    source_id="submission_id",
    fields=(
        DetailField(
            "form",
            Kind.SLUG,
            label=_("Web form"),
            required=True,
            max_length=60,
            staff_value=STAFF_ENTERED_FORM,
            example="report-a-problem",
        ),
        DetailField("submission_id", Kind.TEXT, max_length=200, example="sub-20260701-0042"),
        # Where a reported problem is (Open311 reports: a street light, a pothole...).
        DetailField(
            "location",
            Kind.TEXT,
            label=_("Location"),
            max_length=500,
            example="Outside 12 Ffordd y Parc",
        ),
        DetailField("address_id", Kind.TEXT, max_length=100),
        DetailField(
            "latitude",
            Kind.FLOAT,
            label=_("Latitude"),
            min_value=-90,
            max_value=90,
            example=53.1147,
        ),
        DetailField(
            "longitude",
            Kind.FLOAT,
            label=_("Longitude"),
            min_value=-180,
            max_value=180,
            example=-3.3101,
        ),
        DetailField("url", Kind.URL, label=_("Link"), max_length=500),
        DetailField("client", Kind.TEXT, label=_("Sent by"), max_length=150),
    ),
)

SOCIAL = ChannelDefinition(
    channel=Channel.SOCIAL,
    component="SocialDetails",
    source_id="post_id",
    fields=(
        DetailField(
            "platform",
            Kind.CHOICE,
            label=_("Platform"),
            required=True,
            choices=SocialPlatform,
            asks=(
                Question(
                    _("Platform"),
                    message=_("Select the platform"),
                    placeholder=_("Select a platform"),
                ),
            ),
            example=SocialPlatform.values[0],
        ),
        DetailField(
            "handle",
            Kind.TEXT,
            label=_("Handle"),
            required=True,
            max_length=100,
            asks=(
                Question(
                    _("Their name or handle"),
                    message=_("Enter their name or handle"),
                    errors={
                        "max_length": _("Their name or handle must be 100 characters or fewer")
                    },
                ),
            ),
            example="@preswylydd",
        ),
        DetailField(
            "url",
            Kind.URL,
            label=_("Link"),
            max_length=500,
            asks=(
                Question(
                    _("Link to the post or message"),
                    errors={
                        "invalid": _(
                            "Enter the link to the post in the correct format, like "
                            "https://example.com/post"
                        ),
                        "max_length": _("The link must be 500 characters or fewer"),
                    },
                ),
            ),
            example="https://social.example/preswylydd/posts/1",
        ),
        DetailField("post_id", Kind.TEXT, max_length=200, example="post-981"),
    ),
)

DEFINITIONS: dict[str, ChannelDefinition] = {
    definition.channel: definition
    for definition in (PHONE, TEXT, EMAIL, LETTER, FAX, VISIT, WEBFORM, SOCIAL)
}
