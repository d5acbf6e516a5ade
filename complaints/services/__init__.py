"""Writes to complaints, compliments and feedback."""

from .complaints import (
    complaint_acknowledge_stage2,
    complaint_action_add,
    complaint_close,
    complaint_escalate,
    complaint_extend,
    complaint_ombudsman_record,
)
from .compliments import compliment_from_case, compliment_pass_on, compliment_record
from .feedback import feedback_decide, feedback_publish, feedback_unpublish
from .recording import complaint_record
from .triage import case_signpost, complaint_from_service_request

__all__ = [
    "case_signpost",
    "complaint_acknowledge_stage2",
    "complaint_action_add",
    "complaint_close",
    "complaint_escalate",
    "complaint_extend",
    "complaint_from_service_request",
    "complaint_ombudsman_record",
    "complaint_record",
    "compliment_from_case",
    "compliment_pass_on",
    "compliment_record",
    "feedback_decide",
    "feedback_publish",
    "feedback_unpublish",
]
