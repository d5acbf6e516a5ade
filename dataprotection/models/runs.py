"""A record of each run of the retention job, for the data protection officer: when, and how
many cases were anonymised or deleted and customers removed (counts only, never who)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    cases_anonymised = models.PositiveIntegerField(_("cases anonymised"), default=0)
    cases_deleted = models.PositiveIntegerField(_("cases deleted"), default=0)
    customers_removed = models.PositiveIntegerField(_("customers removed"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{_('Retention run')} {self.pk}"
