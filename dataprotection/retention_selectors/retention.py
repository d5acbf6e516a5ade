"""The cases whose personal data is due to go, claimed a batch at a time (docs/adr/0030).

The SQL applies the schedule as ``dataprotection.domain.retention`` does (the most specific rule
by the same weights: service 4, kind 2, confidential only 1; calendar months from the local day
of closure, PostgreSQL's ``date + interval`` clamping to a short month's end as ``add_months``
does), leaves out cases under a legal hold (their own or their customer's), and locks what it
returns ``FOR UPDATE SKIP LOCKED``: two runs at once take different cases, and a case someone
is working on is simply left for the next run rather than waited for.
"""

from dataclasses import dataclass
from datetime import date

from django.db import connection

DUE_CASES = """
SELECT c.id, r.action
FROM contacts_case c
CROSS JOIN LATERAL (
    SELECT r.months, r.action
    FROM dataprotection_retentionrule r
    WHERE (r.kind = '' OR r.kind = c.kind)
      AND (r.service_id IS NULL OR r.service_id = c.service_id)
      AND (NOT r.confidential_only OR c.confidential)
    ORDER BY (CASE WHEN r.service_id IS NOT NULL THEN 4 ELSE 0 END
            + CASE WHEN r.kind <> '' THEN 2 ELSE 0 END
            + CASE WHEN r.confidential_only THEN 1 ELSE 0 END) DESC
    LIMIT 1
) r
WHERE c.closed_at IS NOT NULL
  AND c.anonymised_at IS NULL
  AND c.status = 'closed'
  AND c.closed_at < %(today)s::date
  AND ((c.closed_at AT TIME ZONE 'Europe/London')::date
       + make_interval(months => r.months))::date <= %(today)s::date
  AND NOT EXISTS (
      SELECT 1 FROM dataprotection_legalhold h
      WHERE h.released_at IS NULL
        AND (h.case_id = c.id OR (c.customer_id IS NOT NULL AND h.customer_id = c.customer_id))
  )
ORDER BY c.closed_at
LIMIT %(limit)s
FOR UPDATE OF c SKIP LOCKED
"""


@dataclass(frozen=True)
class DueBatch:
    anonymise: list[int]
    delete: list[int]

    def __bool__(self) -> bool:
        return bool(self.anonymise or self.delete)


def due_cases_claim(*, today: date, limit: int) -> DueBatch:
    """Lock and return up to ``limit`` due cases; call inside the transaction that handles them."""
    with connection.cursor() as cursor:
        cursor.execute(DUE_CASES, {"today": today, "limit": limit})
        rows = cursor.fetchall()
    return DueBatch(
        anonymise=[case_id for case_id, action in rows if action == "anonymise"],
        delete=[case_id for case_id, action in rows if action == "delete"],
    )
