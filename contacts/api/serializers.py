"""Input and output serializers of the cases API (input and output kept apart)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from accounts.models import Service, Team, User
from channels_app.channels import Channel
from channels_app.details import SCHEMAS, ChannelDetails, parse_details
from common.fields import AwareDateTimeField
from standards.models import Standard

from ..models import (
    Case,
    CaseKind,
    CaseStatus,
    ContactLanguage,
    Customer,
    Milestone,
    MilestoneState,
)

SLA_STATES = [*MilestoneState.choices]

channel_details_schema = PolymorphicProxySerializer(
    component_name="ChannelDetails",
    serializers=list(SCHEMAS.values()),
    resource_type_field_name=None,
)


class CustomerInput(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = [
            "name",
            "email",
            "phone",
            "address",
            "postcode",
            "preferred_language",
            "preferred_contact_method",
            "large_print",
            "bsl",
            "interpreter_language",
            "other_needs",
        ]
        extra_kwargs = {"other_needs": {"max_length": 2000}, "address": {"max_length": 500}}


@extend_schema_field(channel_details_schema)
class ChannelDetailsField(serializers.JSONField):
    pass


class CaseCreateInput(serializers.Serializer):
    channel = serializers.ChoiceField(Channel.choices)
    kind = serializers.ChoiceField(CaseKind.choices, default=CaseKind.ENQUIRY)
    service = serializers.SlugRelatedField(
        slug_field="code", queryset=Service.objects.all(), required=False
    )
    team = serializers.SlugRelatedField(
        slug_field="code", queryset=Team.objects.all(), required=False
    )
    owner = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), required=False
    )
    standard = serializers.SlugRelatedField(
        slug_field="code", queryset=Standard.objects.filter(is_active=True), required=False
    )
    received_at = AwareDateTimeField()
    summary = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    language = serializers.ChoiceField(ContactLanguage.choices, required=False)
    customer_id = serializers.PrimaryKeyRelatedField(
        queryset=Customer.objects.all(), required=False
    )
    customer = CustomerInput(required=False)
    channel_details = ChannelDetailsField(required=False, default=dict)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "customer_id" in attrs and "customer" in attrs:
            raise serializers.ValidationError(
                {"customer": [_("Give either an existing customer or a new one, not both.")]}
            )
        try:
            attrs["details"] = parse_details(attrs["channel"], attrs.pop("channel_details"))
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"channel_details": error.detail}) from error
        return attrs


class AtInput(serializers.Serializer):
    at = AwareDateTimeField(required=False, help_text=_("When it happened; now if not given."))


class ResolveInput(AtInput):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ReopenInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ExtendInput(serializers.Serializer):
    due_at = AwareDateTimeField()
    reason = serializers.CharField(max_length=2000)


class CaseListFilters(serializers.Serializer):
    channel = serializers.ChoiceField(Channel.choices, required=False)
    kind = serializers.ChoiceField(CaseKind.choices, required=False)
    status = serializers.ChoiceField(CaseStatus.choices, required=False)
    sla_state = serializers.ChoiceField(SLA_STATES, required=False)
    service = serializers.SlugField(required=False, max_length=40)
    owner = serializers.CharField(required=False, max_length=150)
    due_before = AwareDateTimeField(required=False)
    due_after = AwareDateTimeField(required=False)


class CustomerOutput(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = [
            "id",
            "name",
            "email",
            "phone",
            "postcode",
            "preferred_language",
            "preferred_contact_method",
            "large_print",
            "bsl",
            "interpreter_language",
        ]


class MilestoneOutput(serializers.ModelSerializer):
    description = serializers.CharField(source="target.description")

    class Meta:
        model = Milestone
        fields = [
            "kind",
            "description",
            "rule",
            "starts_at",
            "due_at",
            "due_soon_at",
            "state",
            "met_at",
            "extended_at",
            "extension_reason",
            "original_due_at",
        ]


def sla_state(milestones: list[Milestone]) -> str | None:
    """The case's worst milestone state: what a queue shows first."""
    states = {milestone.state for milestone in milestones}
    for state in (
        MilestoneState.BREACHED,
        MilestoneState.DUE_SOON,
        MilestoneState.PENDING,
        MilestoneState.MET_LATE,
        MilestoneState.MET,
    ):
        if state in states:
            return state
    return None


class CaseOutput(serializers.ModelSerializer):
    standard = serializers.SlugRelatedField(slug_field="code", read_only=True)
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    team = serializers.SlugRelatedField(slug_field="code", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    customer = CustomerOutput(read_only=True)
    milestones = MilestoneOutput(many=True, read_only=True)
    right_first_time = serializers.BooleanField(read_only=True)
    sla_state = serializers.SerializerMethodField()
    next_due_at = serializers.SerializerMethodField()
    channel_details = ChannelDetailsField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "reference",
            "channel",
            "contact_type",
            "kind",
            "status",
            "standard",
            "service",
            "team",
            "owner",
            "submitted_by",
            "customer",
            "language",
            "received_at",
            "summary",
            "description",
            "channel_details",
            "right_first_time",
            "reopened_count",
            "resolved_at",
            "closed_at",
            "sla_state",
            "next_due_at",
            "milestones",
        ]

    @extend_schema_field(serializers.ChoiceField(SLA_STATES, allow_null=True))
    def get_sla_state(self, case: Case) -> str | None:
        return sla_state(list(case.milestones.all()))

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_next_due_at(self, case: Case) -> str | None:
        due = [m.due_at for m in case.milestones.all() if m.is_open and m.due_at is not None]
        if not due:
            return None
        return serializers.DateTimeField().to_representation(min(due))


__all__ = ["CaseCreateInput", "CaseOutput", "ChannelDetails"]
