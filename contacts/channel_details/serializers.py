"""The API's serializer of each channel's details, generated from its definition: it validates
input (types, lengths, aware date-times, the facts a contact type needs) with translated field
errors, renders it canonically for storage, and describes it in the OpenAPI schema."""

from typing import Any

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.fields import AwareDateTimeField
from common.serializer_fields import FieldsBuiltOnce

from .channels import DEFINITIONS
from .definition import ChannelDefinition, DetailField, Kind

phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,24}$",
    _("Enter a telephone number using digits, spaces and an optional leading +."),
)


class PhoneNumberField(serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(validators=[phone_number], **kwargs)


def _limits(detail: DetailField, *names: str) -> dict[str, Any]:
    values = {name: getattr(detail, name) for name in names}
    return {name: value for name, value in values.items() if value is not None}


#: The DRF field of each kind of text detail, given the text limits.
_TEXT_FIELDS: dict[Kind, type[serializers.CharField]] = {
    Kind.TEXT: serializers.CharField,
    Kind.SLUG: serializers.SlugField,
    Kind.PHONE: PhoneNumberField,
    Kind.EMAIL: serializers.EmailField,
    Kind.URL: serializers.URLField,
}
#: The DRF field of each kind of number, given the bounds.
_NUMBER_FIELDS: dict[Kind, type[serializers.Field]] = {
    Kind.INTEGER: serializers.IntegerField,
    Kind.MINUTES: serializers.IntegerField,
    Kind.FLOAT: serializers.FloatField,
}
#: The DRF field of each other kind, given only whether it is required and its default.
_PLAIN_FIELDS: dict[Kind, type[serializers.Field]] = {
    Kind.BOOLEAN: serializers.BooleanField,
    Kind.DATE: serializers.DateField,
    Kind.DATETIME: AwareDateTimeField,
}


def serializer_field(detail: DetailField) -> serializers.Field:
    """The DRF field of one detail."""
    common: dict[str, Any] = {"required": detail.required}
    if detail.default is not None:
        common["default"] = detail.default
    if detail.kind in _TEXT_FIELDS:
        limits = _limits(detail, "max_length")
        return _TEXT_FIELDS[detail.kind](**common, allow_blank=detail.allow_blank, **limits)
    if detail.kind in _NUMBER_FIELDS:
        return _NUMBER_FIELDS[detail.kind](**common, **_limits(detail, "min_value", "max_value"))
    if detail.kind is Kind.CHOICE:
        assert detail.choices is not None, detail.name
        return serializers.ChoiceField(detail.choices.values, **common)
    if detail.kind in _PLAIN_FIELDS:
        return _PLAIN_FIELDS[detail.kind](**common)
    raise ValueError(detail.kind)


class DetailsSerializer(FieldsBuiltOnce, serializers.Serializer):
    """A channel's details; ``definition`` is set on each generated subclass. Its fields are
    built once a class (``FieldsBuiltOnce``): every new case through the API validates one."""

    definition: ChannelDefinition

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = attrs.get("contact_type")
        for detail in self.definition.fields:
            if kind in detail.needed_for and not attrs.get(detail.name):
                raise serializers.ValidationError({detail.name: str(detail.needed_message)})
        return attrs


def serializer_for(definition: ChannelDefinition) -> type[DetailsSerializer]:
    """A serializer class of the channel's details, named after its OpenAPI component."""
    fields = {detail.name: serializer_field(detail) for detail in definition.fields}
    return type(
        definition.component,
        (DetailsSerializer,),
        {"definition": definition, "__module__": __name__, **fields},
    )


SCHEMAS: dict[str, type[DetailsSerializer]] = {
    channel: serializer_for(definition) for channel, definition in DEFINITIONS.items()
}
