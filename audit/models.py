"""The audit of reads: who opened which case or customer record, when, and through which
path (SPEC §12, ADR 0021).

One narrow, append-only table. It holds ids, not foreign keys into ``contacts`` (an app above
this one, ADR 0015): rows are written on every read, so none carries a constraint to check, and
each stays whatever becomes of the record it names.
"""

from django.conf import settings
from django.contrib.postgres.indexes import BrinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadPath(models.IntegerChoices):
    """How a record was read. Stored as a small integer: the table grows by every read, and
    two bytes a row instead of a dozen matter at that size. Never renumber a member."""

    CASE_PAGE = 1, _("Case page")
    API = 2, _("API")
    SEARCH = 3, _("Search results")
    ATTACHMENT = 4, _("Attachment download")
    LETTER = 5, _("Letter (PDF)")
    EXPORT = 6, _("Export")
    COMPLAINT_PAGE = 7, _("Complaint page")
    COMPLAINT_REGISTER = 8, _("Complaints register")
    CUSTOMER_PAGE = 9, _("Customer page")
    ENQUIRY_PAGE = 10, _("Member's enquiry page")
    OPEN311 = 11, _("Open311")
    MONITORING = 12, _("Quality monitoring")
    AUDIT = 13, _("Audit of reads")
    AUDIT_EXPORT = 14, _("Audit export")


class Read(models.Model):
    """One case or customer record shown to one user (a case page shows both: one row)."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("when"))
    # No constraint: a constraint would look the user up for every row written, and the
    # audit must keep a row whatever becomes of the account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name=_("read by"),
    )
    path = models.PositiveSmallIntegerField(_("through"), choices=ReadPath.choices)
    case_id = models.BigIntegerField(_("case"), null=True)
    customer_id = models.BigIntegerField(_("customer"), null=True)

    class Meta:
        db_table = "audit_read"
        ordering = ["-at", "-id"]
        indexes = [
            # Rows arrive in time order, so a BRIN index of a few pages answers date ranges
            # and a retention job's deletes, where a B-tree would grow with every row
            # (PostgreSQL only: see the migration).
            BrinIndex(fields=["at"], name="audit_read_at"),
            # "Who read case X", "what did user Y read", "who read customer Z": newest first.
            models.Index(
                fields=["case_id", "-at"],
                name="audit_read_case",
                condition=models.Q(case_id__isnull=False),
            ),
            models.Index(fields=["user", "-at"], name="audit_read_user"),
            models.Index(
                fields=["customer_id", "-at"],
                name="audit_read_customer",
                condition=models.Q(customer_id__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case_id__isnull=False) | models.Q(customer_id__isnull=False),
                name="audit_read_of_something",
            )
        ]
        verbose_name = _("read")
        verbose_name_plural = _("reads")

    def __str__(self) -> str:
        return f"{self.user_id} {self.get_path_display()} {self.at:%Y-%m-%d %H:%M}"
