"""Output of the complaints API (read-only: complaints are worked on the staff pages)."""

from rest_framework import serializers

from ..models import ClosureBand, Outcome, Stage


class ComplaintFilters(serializers.Serializer):
    stage = serializers.ChoiceField(Stage.values, required=False)
    closed = serializers.BooleanField(required=False, default=False)


class ComplaintMilestoneOutput(serializers.Serializer):
    kind = serializers.CharField()
    due_at = serializers.DateTimeField(allow_null=True)
    state = serializers.CharField()
    met_at = serializers.DateTimeField(allow_null=True)
    extension_reason = serializers.CharField()


class ComplaintOutput(serializers.Serializer):
    reference = serializers.CharField(source="case.reference")
    service = serializers.CharField(source="case.service.code")
    received_at = serializers.DateTimeField(source="case.received_at")
    channel = serializers.CharField(source="case.channel")
    category = serializers.CharField(source="category.code")
    stage = serializers.ChoiceField(Stage.values)
    events_on = serializers.DateField()
    late_reason = serializers.CharField()
    on_behalf_of = serializers.CharField()
    stage2_started_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.ChoiceField([*Outcome.values, ""])
    outcome_at = serializers.DateTimeField(allow_null=True)
    closure_band = serializers.ChoiceField([*ClosureBand.values, ""])
    ombudsman_referred_on = serializers.DateField(allow_null=True)
    ombudsman_outcome = serializers.CharField()
    milestones = ComplaintMilestoneOutput(source="case.milestones.all", many=True)
