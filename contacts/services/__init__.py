"""Writes to cases (every write goes through a function here), one module per job."""

from .creation import CLOCK_SKEW, CaseCreated, case_create, threshold_of
from .customer_merge import customer_merge
from .customers import customer_preferences_record, customer_update
from .milestones import callback_arrange, milestone_extend, milestone_meet
from .ownership import case_take, case_transfer
from .progress import (
    MILESTONES_MET_BY,
    case_acknowledge,
    case_close,
    case_reopen,
    case_resolve,
    case_respond,
    cases_acknowledge,
    cases_confirm,
)
from .timeline import case_add_inbound, case_add_note
from .voicemail_acknowledgement import voicemail_acknowledge

__all__ = [
    "CLOCK_SKEW",
    "MILESTONES_MET_BY",
    "CaseCreated",
    "callback_arrange",
    "case_acknowledge",
    "case_add_inbound",
    "case_add_note",
    "case_close",
    "case_create",
    "case_reopen",
    "case_resolve",
    "case_respond",
    "case_take",
    "case_transfer",
    "cases_acknowledge",
    "cases_confirm",
    "customer_merge",
    "customer_preferences_record",
    "customer_update",
    "milestone_extend",
    "milestone_meet",
    "threshold_of",
    "voicemail_acknowledge",
]
