"""A record that a customer was erased (UK GDPR art. 17, docs/adr/0030): by whom, when and
why, and how much went. The customer's id only: their record is gone, and this keeps no name."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Erasure(models.Model):
    customer_id = models.BigIntegerField(_("customer"))
    reason = models.TextField(_("reason"))
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("erased by"),
    )
    erased_at = models.DateTimeField(_("erased"))
    cases_anonymised = models.PositiveIntegerField(_("cases anonymised"), default=0)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{_('Erasure')} {self.pk}"
