"""Legal holds (docs/adr/0030): while a hold on a case or a customer is in force, nothing of
theirs is anonymised, deleted or erased. A hold is released, never deleted, so the record of who
held what, why and for how long stays."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegalHold(models.Model):
    case = models.ForeignKey(
        "contacts.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_holds",
        verbose_name=_("case"),
    )
    customer = models.ForeignKey(
        "contacts.Customer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_holds",
        verbose_name=_("customer"),
    )
    reason = models.TextField(_("reason"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="legal_holds_placed",
        verbose_name=_("placed by"),
    )
    placed_at = models.DateTimeField(_("placed"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_holds_released",
        verbose_name=_("released by"),
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, customer__isnull=True)
                | Q(case__isnull=True, customer__isnull=False),
                name="legal_hold_on_a_case_or_a_customer",
                violation_error_message=_("A legal hold is on a case or on a customer, not both."),
            ),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True, released_by__isnull=True)
                | Q(released_at__isnull=False, released_by__isnull=False),
                name="legal_hold_released_by_someone",
            ),
        ]
        # The job and the erasure ask "is this case or customer held?": the holds in force only.
        indexes = [
            models.Index(
                fields=["case"], name="legal_hold_case", condition=Q(released_at__isnull=True)
            ),
            models.Index(
                fields=["customer"],
                name="legal_hold_customer",
                condition=Q(released_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Legal hold')} {self.pk}"

    @property
    def in_force(self) -> bool:
        return self.released_at is None
