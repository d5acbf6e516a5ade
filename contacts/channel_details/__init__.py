"""What each channel records about a contact, typed and validated per channel.

The details are stored as one JSON document on the case (see
docs/adr/0002-channel-details-as-validated-json.md). Each channel is defined once, in
``channels.py``; the API's serializers (``serializers.py``), the staff form's fields
(``staff_form.py``), the case page's labels and the sample payloads are generated from it.
"""

from .channels import DEFINITIONS, STAFF_ENTERED_FORM
from .definition import ChannelDefinition, DetailField, Kind, Question
from .parsing import ChannelDetails, parse_details
from .serializers import SCHEMAS, PhoneNumberField, phone_number

#: The field that identifies an inbound message on its channel, so that seeing it twice makes
#: one case.
SOURCE_ID_FIELDS: dict[str, str] = {
    channel: d.source_id for channel, d in DEFINITIONS.items() if d.source_id
}

#: The field holding the time a standard's "at the agreed time" and "minutes after" rules count
#: from.
SCHEDULED_FIELDS: dict[str, str] = {
    channel: d.scheduled for channel, d in DEFINITIONS.items() if d.scheduled
}

__all__ = [
    "DEFINITIONS",
    "SCHEDULED_FIELDS",
    "SCHEMAS",
    "SOURCE_ID_FIELDS",
    "STAFF_ENTERED_FORM",
    "ChannelDefinition",
    "ChannelDetails",
    "DetailField",
    "Kind",
    "PhoneNumberField",
    "Question",
    "parse_details",
    "phone_number",
]
