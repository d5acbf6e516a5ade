"""Cells where main still answers otherwise than the matrix says, each with why. They run as
``xfail(strict=True)``: when the work that fixes one lands, its cell passes, the run fails
loudly, and the entry is deleted here.

``leak:`` main shows something to, or lets act, a role the policy keeps out (the leaks and
visibility work of issue 14 fix these). ``pending:`` a rule of issue 14 not built yet: staff
of any service read every case that is not confidential, and are refused (403), no longer
kept in the dark (404), when they try to act on another service's case.
"""

KNOWN: dict[str, str] = {}

#: Staff of other services: the highways advisor and the contact centre's.
OTHER_SERVICES = ("advisor_other_service", "front_line_advisor")


def known(reason: str, *ids: str) -> None:
    for cell_id in ids:
        assert cell_id not in KNOWN, f"{cell_id} is listed twice"
        KNOWN[cell_id] = reason


def other_services(*cells: str) -> tuple[str, ...]:
    """Each of ``cells`` (ending "as") for both roles of other services."""
    return tuple(f"{cell} {role}" for cell in cells for role in OTHER_SERVICES)


# --- leak: the print queue (messaging/print_queue.py) gives a complaint's letters to all of its
# service's staff, the advisor and the manager it names included, and lets them post them.
PRINT_QUEUE = "leak: the print queue shows a complaint's letters to staff who may not see it"
known(
    PRINT_QUEUE,
    *(
        f"{cell} as {role}"
        for role in ("advisor", "manager_named_in_complaint")
        for cell in (
            "GET /api/v1/letters/",
            "GET /api/v1/letters/<complaint letter>/document/",
            "POST /api/v1/letters/<complaint letter>/mark-posted/",
            "GET /letters/",
            "GET /letters/<complaint letter>/pdf/",
        )
    ),
)

# --- leak: the SLA dashboard's drill-down and the monthly monitoring sample list complaints,
# with the complainant's name, to the manager a complaint names.
known(
    "leak: the SLA dashboard's drill-down lists a complaint to the manager it names",
    "GET /sla-dashboard/cases/?bucket=breached as manager_named_in_complaint",
)
known(
    "leak: the monitoring sample shows a complaint to the manager it names",
    "GET /monitoring/<sample>/ as manager_named_in_complaint",
    "GET /monitoring/checks/<complaint's check>/ as manager_named_in_complaint",
)

# --- leak: a councillor following their ward's enquiries reads another member's summary and
# description (which can name the resident).
known(
    "leak: a member reads the free text of another member's enquiry",
    "GET /api/v1/member-enquiries/ as other_councillor",
    "GET /api/v1/member-enquiries/<enquiry>/ as other_councillor",
    "GET /enquiries/<enquiry>/ as other_councillor",
)

# --- leak: an Open311 client reads the requests every other client sent.
known(
    "leak: an Open311 client reads another client's requests",
    "GET /open311/v2/requests.json as other_open311_client",
    "GET /open311/v2/requests/<open311>.json as other_open311_client",
)

# --- pending: one-council reads. Today other services' staff find no such case (404).
known(
    "pending: one-council reads (staff of any service read a case that is not confidential)",
    *other_services(
        *(f"GET /api/v1/cases/<{name}>/ as" for name in ("plain", "enquiry", "open311")),
        *(f"GET /cases/<{name}>/ as" for name in ("plain", "enquiry", "open311")),
    ),
)
known(
    "pending: one-council reads (other services' staff are refused acting, 403, not 404)",
    *other_services(
        *(
            f"POST /api/v1/cases/<plain>/{action}/ as"
            for action in ("acknowledge", "close", "reopen", "resolve", "respond", "reply")
        ),
        *(
            f"POST /api/v1/cases/<plain>/milestones/respond/{action}/ as"
            for action in ("extend", "meet")
        ),
        *(
            f"POST /api/v1/member-enquiries/<enquiry>/{action}/ as"
            for action in ("complete", "delay", "update")
        ),
        *(f"POST /reception/<plain>/{action}/ as" for action in ("check-in", "seen")),
        *(
            f"GET /cases/<plain>/{action}/ as"
            for action in (
                "note",
                "take",
                "transfer",
                "callback",
                "extend",
                "resolve",
                "meet",
                "reopen",
                "reply",
            )
        ),
        *(f"GET /enquiries/<enquiry>/{action}/ as" for action in ("update", "delay", "complete")),
    ),
)
