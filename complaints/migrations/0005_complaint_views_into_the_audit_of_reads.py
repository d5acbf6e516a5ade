"""Who opened which complaint moves into the one audit of reads (ADR 0021): each view becomes
a read of the case (and its customer) at the same time, by the same person, through the same
path. Reversed, the complaints' reads go back where they were."""

from django.db import migrations

# complaints.ComplaintView.via -> audit.ReadPath
FORWARD = """
    INSERT INTO audit_read (at, user_id, path, case_id, customer_id)
    SELECT seen.viewed_at, seen.user_id,
           CASE seen.via WHEN 'case_page' THEN 1 WHEN 'api' THEN 2 WHEN 'page' THEN 7
                         WHEN 'register' THEN 8 END,
           seen.case_id, complaint.customer_id
      FROM complaints_complaintview AS seen
      JOIN contacts_case AS complaint ON complaint.id = seen.case_id
     ORDER BY seen.id
"""

COMPLAINT_READS = """
      FROM audit_read AS reading
      JOIN contacts_case AS complaint ON complaint.id = reading.case_id
     WHERE complaint.kind = 'complaint' AND reading.path IN (1, 2, 7, 8)
"""

BACKWARD = (
    f"""
    INSERT INTO complaints_complaintview (case_id, user_id, viewed_at, via)
    SELECT reading.case_id, reading.user_id, reading.at,
           CASE reading.path WHEN 1 THEN 'case_page' WHEN 2 THEN 'api' WHEN 7 THEN 'page'
                          ELSE 'register' END
    {COMPLAINT_READS}
     ORDER BY reading.id
    """,
    f"DELETE FROM audit_read WHERE id IN (SELECT reading.id {COMPLAINT_READS})",
)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_complaint_views_from_the_register"),
        ("audit", "0001_initial"),
        ("contacts", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
