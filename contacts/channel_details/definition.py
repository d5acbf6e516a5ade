"""The shape of a channel's definition: its fields, each declared once with its type, limits,
label, the staff form's question and an example value.

Everything else is generated from a definition: the API's serializer (and so the OpenAPI
schema, ``serializers.py``), the staff form's fields (``staff_form.py``), the rows of the case
page (``contacts.presenters.channel_detail_rows``) and the sample payload (``sample()``).
Adding a field to a channel is one ``DetailField`` in ``channels.py``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import TextChoices
from django.utils.functional import Promise


class Kind(StrEnum):
    """What a field holds; each generator knows how to take and show each kind."""

    TEXT = "text"
    SLUG = "slug"
    PHONE = "phone"  # a telephone number: digits, spaces and an optional leading +
    EMAIL = "email"
    URL = "url"
    CHOICE = "choice"  # one of ``choices``
    BOOLEAN = "boolean"
    INTEGER = "integer"
    MINUTES = "minutes"  # a whole number of minutes
    FLOAT = "float"
    DATE = "date"
    DATETIME = "datetime"  # with its UTC offset


@dataclass(frozen=True)
class Question:
    """How the staff form asks for a field.

    ``name``: the form's field name where it differs from the detail's. ``when``: the contact
    types it is asked for (a callback time only for a callback): the form reveals it under
    those types and neither checks nor sends it for another. ``language``: likewise, asked
    only for a contact in that language (revealed under it). ``required``: whether the form
    needs it whenever it is asked. ``message``: what the form says when it is missing or not
    one of the choices. ``errors``: the form field's other error messages, each naming the
    field (``invalid``, ``max_length``; a date's ``incomplete``, ``invalid_date`` and
    ``invalid_time``). ``textarea``, ``placeholder`` (a select with this first, empty option,
    instead of radios) and ``width`` (a GOV.UK width class) shape how it is shown."""

    label: Promise
    name: str | None = None
    required: bool | None = None  # None: as the detail field
    when: tuple[str, ...] = ()
    language: str | None = None
    message: Promise | None = None
    errors: Mapping[str, Promise] = field(default_factory=dict)
    textarea: bool = False
    placeholder: Promise | None = None
    width: str | None = None


@dataclass(frozen=True)
class DetailField:
    """One fact a channel records about a contact.

    ``label`` is what the case page calls it (``None``: not shown there, like message ids,
    which mean nothing to an advisor). ``needed_for`` names the contact types that cannot do
    without it, with ``needed_message`` as the refusal. ``asks``: the staff form's questions
    (none: staff never type it). ``staff_value``: the value a contact logged by staff always
    has. ``example``: a realistic value for the sample payload."""

    name: str
    kind: Kind
    label: Promise | None = None
    required: bool = False
    allow_blank: bool = False
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    choices: type[TextChoices] | None = None
    default: Any = None
    needed_for: tuple[str, ...] = ()
    needed_message: Promise | None = None
    asks: tuple[Question, ...] = ()
    staff_value: Any = None
    example: Any = None


@dataclass(frozen=True)
class ChannelDefinition:
    """What one channel records. ``source_id``: the field that identifies an inbound message
    on the channel, so that seeing it twice makes one case. ``scheduled``: the field holding
    the time a standard's "at the agreed time" and "minutes after" rules count from."""

    channel: str
    component: str  # the serializer's name, and so the OpenAPI component's
    fields: tuple[DetailField, ...]
    source_id: str | None = None
    scheduled: str | None = None

    def field(self, name: str) -> DetailField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def shown(self) -> tuple[DetailField, ...]:
        """The fields shown on the case page, in order."""
        return tuple(f for f in self.fields if f.label is not None)

    def sample(self) -> dict[str, Any]:
        """A valid payload of this channel's details, from each field's example."""
        return {f.name: f.example for f in self.fields if f.example is not None}
