"""A subject access request's export (docs/adr/0031): the zip of everything held about the
requester, stored encrypted (``dataprotection.encryption``) until it is deleted after
``CYSWLLT_SAR_EXPORT_DAYS``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectAccessExport(models.Model):
    case = models.ForeignKey(
        "contacts.Case",
        on_delete=models.CASCADE,
        related_name="subject_access_exports",
        verbose_name=_("subject access request"),
    )
    created_at = models.DateTimeField(_("produced"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("produced by"),
    )
    expires_at = models.DateTimeField(_("deleted after"), db_index=True)
    # The customer records the officer confirmed are the requester (ids only).
    customer_ids = models.JSONField(_("customer records"), default=list)
    # Other people's data found in it, for the redaction review: [{"kind", "value", "where"}].
    third_parties = models.JSONField(_("third parties' data"), default=list, blank=True)
    counts = models.JSONField(_("records"), default=dict, blank=True)
    # The encrypted zip, under a random name: nothing personal in a path.
    archive = models.FileField(_("archive"), upload_to="subject-access/", max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("subject access export")
        verbose_name_plural = _("subject access exports")

    def __str__(self) -> str:
        return f"{self.case_id} {self.created_at:%Y-%m-%d}"
