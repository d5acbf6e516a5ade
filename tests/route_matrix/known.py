"""Cells where main still answers otherwise than the matrix says, each with why. They run as
``xfail(strict=True)``: when the work that fixes one lands, the cell passes, the run fails
loudly, and the entry is deleted here.

``leak:`` main shows or lets act someone the policy keeps out (the leaks and visibility work
fix these). ``pending:`` a rule of issue 14 not built yet (one-council reads: staff of other
services read every case that is not confidential, and are refused, not kept in the dark,
when they try to act on one).
"""

ONE_COUNCIL = "pending: one-council reads (staff of any service read non-confidential cases)"

KNOWN: dict[str, str] = {}


def known(reason: str, *ids: str) -> None:
    for cell_id in ids:
        assert cell_id not in KNOWN, f"{cell_id} is listed twice"
        KNOWN[cell_id] = reason
