"""The cases whose personal data is due to go, claimed a batch at a time (docs/adr/0030).

The SQL applies the schedule as ``dataprotection.domain.retention`` does (the most specific rule
by the same weights: service 4, kind 2, confidential only 1; calendar months from the local day
of closure, PostgreSQL's ``date + interval`` clamping to a short month's end as ``add_months``
does), leaves out cases under a legal hold (their own or their customer's), and locks what it
returns ``FOR UPDATE SKIP LOCKED``: two runs at once take different cases, and a case someone
is working on is simply left for the next run rather than waited for.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connection

DUE_CASES = """
SELECT c.id, r.action, c.closed_at
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
  -- Nothing closed after the shortest rule's reach can be due: the walk stops there. (Four
  -- days' slack for the local day and a short month's end; the exact test follows.)
  AND c.closed_at < (%(today)s::date + 4) - (
      SELECT make_interval(months => coalesce(min(months), 0)) FROM dataprotection_retentionrule
  )
  AND (c.closed_at, c.id) > (%(after_at)s, %(after_id)s)
  AND ((c.closed_at AT TIME ZONE 'Europe/London')::date
       + make_interval(months => r.months))::date <= %(today)s::date
  AND NOT EXISTS (
      SELECT 1 FROM dataprotection_legalhold h
      WHERE h.released_at IS NULL
        AND (h.case_id = c.id OR (c.customer_id IS NOT NULL AND h.customer_id = c.customer_id))
  )
ORDER BY c.closed_at, c.id
LIMIT %(limit)s
FOR UPDATE OF c SKIP LOCKED
"""


#: Where a walk starts: before every case.
START = (datetime(1, 1, 1, tzinfo=UTC), 0)


@dataclass(frozen=True)
class DueBatch:
    anonymise: list[int]
    delete: list[int]
    #: (closed_at, id) of the batch's last case: where the next batch's walk resumes.
    last: tuple[datetime, int] = START

    def __bool__(self) -> bool:
        return bool(self.anonymise or self.delete)


def due_cases_claim(*, today: date, limit: int, after: tuple[datetime, int] = START) -> DueBatch:
    """Lock and return up to ``limit`` due cases closed after ``after`` (a previous batch's
    ``last``), in order of closure; call inside the transaction that handles them.

    A run resumes where its last batch ended rather than walking again from the oldest
    closure: at a million cases the cases not yet due between the due ones made every batch
    re-read the same hundreds of thousands of index entries (600 ms a batch). A case skipped
    because it was locked is left for the next run."""
    after_at, after_id = after
    with connection.cursor() as cursor:
        cursor.execute(
            DUE_CASES,
            {"today": today, "limit": limit, "after_at": after_at, "after_id": after_id},
        )
        rows = cursor.fetchall()
    return DueBatch(
        anonymise=[case_id for case_id, action, _closed in rows if action == "anonymise"],
        delete=[case_id for case_id, action, _closed in rows if action == "delete"],
        last=(rows[-1][2], rows[-1][0]) if rows else after,
    )
