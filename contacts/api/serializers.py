"""Input and output serializers of the cases API (input and output kept apart)."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from accounts.models import Service, Team, User
from common.errors import NON_FIELD_ERRORS, ServiceError
from common.fields import AwareDateTimeField
from common.form_fields import NOTE_MAX
from common.serializer_fields import FieldsBuiltOnce
from contacts.channel_details import (
    DEFINITIONS,
    SCHEMAS,
    ChannelDetails,
    PhoneNumberField,
    parse_details,
)
from routing.models import RequestType
from routing.reasons import MisrouteReason
from standards.channels import Channel
from standards.milestone_kinds import MilestoneKind
from standards.models import RuleChoice, Standard
from standards.selectors import case_rules

from ..domain.sla import worst_state
from ..models import (
    Case,
    CaseKind,
    CaseStatus,
    ContactMethod,
    Customer,
    LanguagePreference,
    Milestone,
    MilestoneState,
)
from ..visibility import case_redactions, customer_visible_to

# Plain values: DRF deep-copies every field per request, and lazy labels made that slow.
SLA_STATES = MilestoneState.values

channel_details_schema = PolymorphicProxySerializer(
    component_name="ChannelDetails",
    serializers=list(SCHEMAS.values()),
    resource_type_field_name=None,
)


# Plain serializers with their fields spelt out: a ModelSerializer rebuilds its fields from the
# model on every instance, which cost most of the time of a case creation.


class CustomerInput(FieldsBuiltOnce, serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = PhoneNumberField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(LanguagePreference.values, required=False)
    preferred_contact_method = serializers.ChoiceField(ContactMethod.values, required=False)
    large_print = serializers.BooleanField(required=False)
    bsl = serializers.BooleanField(required=False)
    interpreter_language = serializers.CharField(max_length=60, required=False, allow_blank=True)
    other_needs = serializers.CharField(max_length=2000, required=False, allow_blank=True)


@extend_schema_field(OpenApiTypes.STR)
class LazySlugField(serializers.SlugRelatedField):
    """A slug lookup whose queryset is made when needed.

    DRF deep-copies every declared field for each serializer instance; a queryset held by the
    field made that copy cost more than the rest of the validation.
    """

    def __init__(self, queryset: Callable[[], QuerySet], **kwargs: Any) -> None:
        self.make_queryset = queryset
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return self.make_queryset()

    def to_internal_value(self, data: Any) -> Any:
        # PostgreSQL cannot compare text holding NUL: the lookup would fail, not miss.
        if isinstance(data, str) and "\x00" in data:
            raise serializers.ValidationError(_("Null characters are not allowed."))
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.STR)
class ServiceCodeField(LazySlugField):
    """A service by its code, found among the case rules' services (``case_rules``: renewed in
    every process when a service changes) instead of by a query on every new case; a code they
    do not know is looked up as any slug is, so its error is DRF's own."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(lambda: Service.objects.all(), slug_field="code", **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        known = case_rules().services.get(data) if isinstance(data, str) else None
        return known if known is not None else super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.INT)
class LazyPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    def __init__(self, queryset: Callable[[], QuerySet], **kwargs: Any) -> None:
        self.make_queryset = queryset
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return self.make_queryset()

    def to_internal_value(self, data: Any) -> Any:
        # JSON allows 1e400, which Python reads as infinity and the database cannot compare.
        if isinstance(data, float | bool):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.INT)
class VisibleCustomerField(LazyPrimaryKeyField):
    """An existing customer, by id, among those the user may open (``customer_visible_to``):
    one the user may not open is refused as one that does not exist, so that the answer never
    tells whether an id is someone's. The serializer's context names the ``user``."""

    def __init__(self, **kwargs: Any) -> None:
        messages = {"does_not_exist": _("Select a valid customer.")}
        super().__init__(Customer.objects.none, error_messages=messages, **kwargs)

    def get_queryset(self) -> QuerySet:
        # Read at call time: a copy of this field (common.serializer_fields) has its own context.
        return customer_visible_to(self.context["user"])


@extend_schema_field(channel_details_schema)
class ChannelDetailsField(serializers.JSONField):
    pass


def create_examples() -> list[OpenApiExample]:
    """One request example per channel, its details from the channel's sample payload."""
    return [
        OpenApiExample(
            channel,
            value={
                "channel": channel,
                "kind": CaseKind.ENQUIRY,
                "received_at": "2026-07-01T09:30:00+01:00",
                "summary": "Bin not collected",
                "channel_details": definition.sample(),
            },
            request_only=True,
        )
        for channel, definition in DEFINITIONS.items()
    ]


class CaseCreateInput(FieldsBuiltOnce, serializers.Serializer):
    channel = serializers.ChoiceField(Channel.values)
    kind = serializers.ChoiceField(CaseKind.values, default=CaseKind.ENQUIRY)
    service = ServiceCodeField(required=False)
    team = LazySlugField(lambda: Team.objects.all(), slug_field="code", required=False)
    owner = LazySlugField(
        lambda: User.objects.filter(is_active=True), slug_field="username", required=False
    )
    standard = LazySlugField(
        lambda: Standard.objects.filter(is_active=True), slug_field="code", required=False
    )
    request_type = LazyPrimaryKeyField(
        lambda: RequestType.objects.select_related("service", "team"),
        required=False,
        help_text=_(
            "What the contact is about, from the routing table; without a service, the case "
            "goes to the request type's service (and its team, when nobody is named)."
        ),
    )
    received_at = AwareDateTimeField()
    summary = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    language = serializers.ChoiceField(LanguagePreference.values, required=False)
    customer_id = VisibleCustomerField(required=False)
    customer = CustomerInput(required=False)
    channel_details = ChannelDetailsField(required=False, default=dict)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "customer_id" in attrs and "customer" in attrs:
            raise serializers.ValidationError(
                {"customer": [_("Give either an existing customer or a new one, not both.")]}
            )
        try:
            attrs["details"] = parse_details(attrs["channel"], attrs.pop("channel_details"))
        except ServiceError as error:
            detail = error.messages if error.fields.keys() == {NON_FIELD_ERRORS} else error.fields
            raise serializers.ValidationError({"channel_details": detail}) from error
        return attrs

    def validate_kind(self, kind: str) -> str:
        # Its Welsh version counts from the English publication, which only the one action
        # on the web publishing pages arranges (docs/adr/0033).
        if kind == CaseKind.EMERGENCY_INFORMATION:
            raise serializers.ValidationError(
                _("Emergency information is raised on the web publishing pages.")
            )
        return kind


class AtInput(serializers.Serializer):
    at = AwareDateTimeField(required=False, help_text=_("When it happened; now if not given."))


class ResolveInput(AtInput):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    message = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        help_text=_("What was done, sent to the customer in their language and way of contact."),
    )


class ReopenInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class VoicemailInput(serializers.Serializer):
    callback_at = AwareDateTimeField(
        required=False,
        help_text=_(
            "When the officer will call back, if not by the end of the next working day: a "
            "working day, within business hours."
        ),
    )


class ExtendInput(serializers.Serializer):
    due_at = AwareDateTimeField()
    reason = serializers.CharField(max_length=2000)
    notify_customer = serializers.BooleanField(
        default=True,
        help_text=_("Tell the customer why and the new date (for the full response)."),
    )
    out_of_hours_confirmed = serializers.BooleanField(
        default=False,
        help_text=_(
            "The new due time falls on a day the office is closed or outside business hours "
            "on purpose; without it such a time is refused."
        ),
    )


class TransferInput(serializers.Serializer):
    to_user = LazySlugField(
        lambda: User.objects.select_related("team__service"),
        slug_field="username",
        required=False,
        help_text=_("The officer (username) of any service who takes the case."),
    )
    to_team = LazySlugField(
        lambda: Team.objects.select_related("service"),
        slug_field="code",
        required=False,
        help_text=_("Or the team (code) of any service whose queue it goes to."),
    )
    note = serializers.CharField(
        max_length=NOTE_MAX,
        help_text=_("For the person receiving the case: the customer and the details."),
    )
    misrouted = serializers.ChoiceField(
        MisrouteReason.values,
        required=False,
        help_text=_("Why it goes back, when it came to the wrong service."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("to_user" in attrs) == ("to_team" in attrs):
            raise serializers.ValidationError({"to": [_("Choose one colleague or one team.")]})
        return attrs


class CaseListFilters(serializers.Serializer):
    channel = serializers.ChoiceField(Channel.values, required=False)
    kind = serializers.ChoiceField(CaseKind.values, required=False)
    status = serializers.ChoiceField(CaseStatus.values, required=False)
    sla_state = serializers.ChoiceField(SLA_STATES, required=False)
    service = serializers.SlugField(required=False, max_length=40)
    owner = serializers.CharField(required=False, max_length=150)
    due_before = AwareDateTimeField(required=False)
    due_after = AwareDateTimeField(required=False)


# The output serializers declare their fields for the OpenAPI schema, but write their
# representation by hand: building DRF's field objects for every case shown cost more than the
# rest of a case creation. tests/api/test_output.py holds each hand-written representation equal
# to what DRF would make of the declared fields.
_DATETIME = serializers.DateTimeField()


def _when(value: datetime | None) -> str | None:
    return None if value is None else _DATETIME.to_representation(value)


class CustomerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    # Not an EmailField: a customer who gave no address has "" here, which is no e-mail format.
    email = serializers.CharField(help_text=_("Their e-mail address; empty if they gave none."))
    phone = serializers.CharField()
    postcode = serializers.CharField()
    preferred_language = serializers.ChoiceField(LanguagePreference.values)
    preferred_contact_method = serializers.ChoiceField(ContactMethod.values)
    large_print = serializers.BooleanField()
    bsl = serializers.BooleanField()
    interpreter_language = serializers.CharField()

    def to_representation(self, customer: Customer) -> dict[str, Any]:
        return {
            "id": customer.id,
            "name": customer.name,
            "email": customer.email,
            "phone": customer.phone,
            "postcode": customer.postcode,
            "preferred_language": customer.preferred_language,
            "preferred_contact_method": customer.preferred_contact_method,
            "large_print": customer.large_print,
            "bsl": customer.bsl,
            "interpreter_language": customer.interpreter_language,
        }


class MilestoneOutput(serializers.Serializer):
    kind = serializers.ChoiceField(MilestoneKind.values)
    description = serializers.CharField(source="target.description")
    rule = serializers.ChoiceField(RuleChoice.values)
    starts_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    due_soon_at = serializers.DateTimeField(allow_null=True)
    state = serializers.ChoiceField(MilestoneState.values)
    met_at = serializers.DateTimeField(allow_null=True)
    extended_at = serializers.DateTimeField(allow_null=True)
    extension_reason = serializers.CharField()
    original_due_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, milestone: Milestone) -> dict[str, Any]:
        return {
            "kind": milestone.kind,
            "description": milestone.target.description,
            "rule": milestone.rule,
            "starts_at": _when(milestone.starts_at),
            "due_at": _when(milestone.due_at),
            "due_soon_at": _when(milestone.due_soon_at),
            "state": milestone.state,
            "met_at": _when(milestone.met_at),
            "extended_at": _when(milestone.extended_at),
            "extension_reason": milestone.extension_reason,
            "original_due_at": _when(milestone.original_due_at),
        }


def sla_state(milestones: list[Milestone]) -> str | None:
    """The case's worst milestone state: what a queue shows first (the staff pages' SLA tags
    use the same rule)."""
    return worst_state(milestone.state for milestone in milestones)


class CaseOutput(serializers.Serializer):
    """A case as the user may read it (the context names the ``user``): of another member's
    enquiry that a councillor or clerk follows, the outline only (``in_full`` false: the free
    text, the resident, the channel's details and the people are null, docs/adr/0018)."""

    reference = serializers.CharField()
    channel = serializers.ChoiceField(Channel.values)
    contact_type = serializers.CharField()
    kind = serializers.ChoiceField(CaseKind.values)
    status = serializers.ChoiceField(CaseStatus.values)
    standard = serializers.CharField(source="standard.code")
    service = serializers.CharField(source="service.code")
    in_full = serializers.BooleanField()
    team = serializers.CharField(source="team.code", allow_null=True)
    request_type = serializers.IntegerField(source="request_type_id", allow_null=True)
    owner = serializers.CharField(source="owner.username", allow_null=True)
    submitted_by = serializers.CharField(source="submitted_by.username", allow_null=True)
    customer = CustomerOutput(allow_null=True)
    language = serializers.ChoiceField(LanguagePreference.values)
    received_at = serializers.DateTimeField()
    summary = serializers.CharField(allow_null=True)
    description = serializers.CharField(allow_null=True)
    channel_details = ChannelDetailsField(allow_null=True)
    right_first_time = serializers.BooleanField()
    reopened_count = serializers.IntegerField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    sla_state = serializers.SerializerMethodField()
    next_due_at = serializers.SerializerMethodField()
    milestones = MilestoneOutput(many=True)

    @extend_schema_field(serializers.ChoiceField(SLA_STATES, allow_null=True))
    def get_sla_state(self, case: Case) -> str | None:
        return sla_state(list(case.milestones.all()))

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_next_due_at(self, case: Case) -> str | None:
        due = [m.due_at for m in case.milestones.all() if m.is_open and m.due_at is not None]
        return _when(min(due)) if due else None

    def to_representation(self, case: Case) -> dict[str, Any]:
        milestones = list(case.milestones.all())
        milestone_output = MilestoneOutput()
        in_full = not case_redactions(self.context["user"], case)
        output = {
            "reference": case.reference,
            "channel": case.channel,
            "contact_type": case.contact_type,
            "kind": case.kind,
            "status": case.status,
            "standard": case.standard.code,
            "service": case.service.code,
            "in_full": in_full,
            "team": case.team.code if case.team else None,
            "request_type": case.request_type_id,
            "owner": case.owner.username if case.owner else None,
            "submitted_by": case.submitted_by.username if case.submitted_by else None,
            "customer": CustomerOutput().to_representation(case.customer)
            if case.customer
            else None,
            "language": case.language,
            "received_at": _when(case.received_at),
            "summary": case.summary,
            "description": case.description,
            "channel_details": case.channel_details,
            "right_first_time": case.right_first_time,
            "reopened_count": case.reopened_count,
            "resolved_at": _when(case.resolved_at),
            "closed_at": _when(case.closed_at),
            "sla_state": sla_state(milestones),
            "next_due_at": self.get_next_due_at(case),
            "milestones": [milestone_output.to_representation(m) for m in milestones],
        }
        if not in_full:
            output |= dict.fromkeys(OUTLINE_WITHHOLDS, None)
            for milestone in output["milestones"]:
                milestone["extension_reason"] = ""
        return output


#: What the outline of a case leaves out of its output (``visibility.WITHHELD``, as fields).
OUTLINE_WITHHOLDS = (
    "team",
    "owner",
    "submitted_by",
    "customer",
    "summary",
    "description",
    "channel_details",
)


__all__ = ["CaseCreateInput", "CaseOutput", "ChannelDetails"]
