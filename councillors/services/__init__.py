"""Writes for councillors and community councils, one module per job: members' settings,
enquiries, the Members' Events Calendar."""

from .calendar import (
    EDITABLE,
    EVENT_FIELDS,
    notice_days,
    ward_event_cancel,
    ward_event_change,
    ward_event_complete,
    ward_event_create,
    ward_event_delay,
    ward_events_announce,
)
from .enquiries import (
    ENQUIRY_FORM,
    KIND_FOR_ROLE,
    MAX_DELAY,
    RESPONSE_MILESTONE,
    enquiry_complete,
    enquiry_delay,
    enquiry_logged_for_member,
    enquiry_resolved,
    enquiry_submit,
    enquiry_update_post,
)
from .members import (
    member_calendar_token_regenerate,
    member_preferences_update,
    member_profile_ensure,
)

__all__ = [
    "EDITABLE",
    "ENQUIRY_FORM",
    "EVENT_FIELDS",
    "KIND_FOR_ROLE",
    "MAX_DELAY",
    "RESPONSE_MILESTONE",
    "enquiry_complete",
    "enquiry_delay",
    "enquiry_logged_for_member",
    "enquiry_resolved",
    "enquiry_submit",
    "enquiry_update_post",
    "member_calendar_token_regenerate",
    "member_preferences_update",
    "member_profile_ensure",
    "notice_days",
    "ward_event_cancel",
    "ward_event_change",
    "ward_event_complete",
    "ward_event_create",
    "ward_event_delay",
    "ward_events_announce",
]
