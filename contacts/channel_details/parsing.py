"""Reading a channel's details: every way in (the API, the staff pages, the web forms, the
inbound adapters) calls ``parse_details`` before ``case_create``, which takes the typed
``ChannelDetails``."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from common.errors import NON_FIELD_ERRORS, ServiceError

from .channels import DEFINITIONS
from .serializers import SCHEMAS


@dataclass(frozen=True)
class ChannelDetails:
    channel: str
    data: dict[str, Any]  # canonical, JSON-ready
    contact_type: str
    scheduled_at: datetime | None
    source_key: str | None


def parse_details(channel: str, raw: Any) -> ChannelDetails:
    """Validate ``raw`` against the channel's definition.

    Raises ``ServiceError`` with field errors in the active language."""
    definition = DEFINITIONS.get(channel)
    if definition is None:
        raise ServiceError({"channel": [_("Unknown channel.")]})
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ServiceError(_("Give the channel details as an object."))
    serializer = SCHEMAS[channel](data=raw)
    if not serializer.is_valid():
        raise ServiceError(_messages(serializer.errors))
    validated = serializer.validated_data
    source_id = validated.get(definition.source_id) if definition.source_id else None
    return ChannelDetails(
        channel=channel,
        data=dict(serializer.data),
        contact_type=validated.get("contact_type", ""),
        scheduled_at=validated.get(definition.scheduled) if definition.scheduled else None,
        source_key=f"{channel}:{source_id}" if source_id else None,
    )


def _messages(errors: dict[str, Any]) -> dict[str, list[str]]:
    """DRF's field errors as plain messages (the details are flat: one list per field)."""
    return {
        (NON_FIELD_ERRORS if field == "non_field_errors" else field): [
            str(problem) for problem in (problems if isinstance(problems, list) else [problems])
        ]
        for field, problems in errors.items()
    }
