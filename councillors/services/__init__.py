"""Writes for councillors and community councils, one module per job: members' settings,
enquiries, the Members' Events Calendar and its comments, council meetings' papers."""

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
from .comments import (
    COMMENT_MAX,
    NotTheOwner,
    may_answer,
    ward_event_answer,
    ward_event_comment,
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
from .meetings import council_meeting_create, is_clerk_of, meeting_paper_add
from .members import (
    member_calendar_token_regenerate,
    member_preferences_update,
    member_profile_ensure,
)

__all__ = [
    "COMMENT_MAX",
    "EDITABLE",
    "ENQUIRY_FORM",
    "EVENT_FIELDS",
    "KIND_FOR_ROLE",
    "MAX_DELAY",
    "RESPONSE_MILESTONE",
    "NotTheOwner",
    "council_meeting_create",
    "enquiry_complete",
    "enquiry_delay",
    "enquiry_logged_for_member",
    "enquiry_resolved",
    "enquiry_submit",
    "enquiry_update_post",
    "is_clerk_of",
    "may_answer",
    "meeting_paper_add",
    "member_calendar_token_regenerate",
    "member_preferences_update",
    "member_profile_ensure",
    "notice_days",
    "ward_event_answer",
    "ward_event_cancel",
    "ward_event_change",
    "ward_event_comment",
    "ward_event_complete",
    "ward_event_create",
    "ward_event_delay",
    "ward_events_announce",
]
