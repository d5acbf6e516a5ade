"""The retention schedule (SPEC §9/§12, docs/adr/0030): how long after closure a case's personal
data is kept, per case kind and service, and what happens then. Edited by administrators in
Welsh and English; the rule that applies to a case is chosen by dataprotection/domain/retention.py
(most specific first)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from contacts.models import CaseKind
from dataprotection.domain.retention import Action

#: A hundred years: anything longer is a typing slip, not a retention period.
LONGEST_MONTHS = 1200


class RetentionAction(models.TextChoices):
    ANONYMISE = Action.ANONYMISE.value, _("Anonymise")
    DELETE = Action.DELETE.value, _("Delete")


# modeltranslation gives the model a manager class made at run time, which django-stubs cannot
# resolve (as routing.models.RequestType).
class RetentionRule(TimeStampedModel):  # type: ignore[django-manager-missing]
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("case kind"),
        max_length=24,
        blank=True,
        choices=CaseKind.choices,
        help_text=_("Leave empty for every kind of case."),
    )
    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
        help_text=_("Leave empty for every service."),
    )
    confidential_only = models.BooleanField(
        _("confidential cases only"),
        default=False,
        help_text=_(
            "For confidential cases only, such as those flagged as social care. Every "
            "complaint is confidential."
        ),
    )
    # Months rather than years, so that a council can set eighteen months; calendar months
    # from the day of closure (the domain module's add_months).
    months = models.IntegerField(
        _("months kept after closure"),
        default=72,
        validators=[
            MinValueValidator(1, _("A retention period must be at least one month.")),
            MaxValueValidator(
                LONGEST_MONTHS, _("A retention period can be at most 1,200 months (100 years).")
            ),
        ],
        help_text=_("Calendar months from the day the case was closed: six years is 72."),
    )
    action = models.CharField(
        _("then"),
        max_length=10,
        choices=RetentionAction.choices,
        default=RetentionAction.ANONYMISE,
        help_text=_(
            "Anonymise keeps the case, its deadlines and its statistics without the personal "
            "data; delete removes the case."
        ),
    )
    basis = models.TextField(
        _("basis"),
        blank=True,
        help_text=_(
            "Why the data is kept this long, for example the council's retention schedule."
        ),
    )

    class Meta:
        ordering = ["kind", "service__name", "confidential_only"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention schedule")
        constraints = [
            # One rule per (kind, service, confidential only), the empty ones included, so that
            # the most specific rule is never a tie.
            models.UniqueConstraint(
                fields=["kind", "service", "confidential_only"],
                nulls_distinct=False,
                name="one_retention_rule_per_scope",
                violation_error_message=_(
                    "The schedule already has a rule for this case kind, service and "
                    "confidentiality."
                ),
            ),
            models.CheckConstraint(
                condition=Q(months__gte=1, months__lte=LONGEST_MONTHS),
                name="retention_months_in_range",
                violation_error_message=_("A retention period must be at least one month."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
