"""The standards catalogue as data, and the calendar administrators keep."""

from datetime import time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from standards.channels import Channel

from .domain.deadlines import Rule
from .milestone_kinds import MilestoneKind
from .wording import target_description


class Section(models.TextChoices):
    TELEPHONE = "telephone", _("Telephone")
    IN_WRITING = "in_writing", _("In writing")
    FACE_TO_FACE = "face_to_face", _("Face to face")
    WEBSITE = "website", _("Website")
    FEEDBACK = "feedback", _("Compliments, feedback and complaints")
    ENGAGEMENT = "engagement", _("Engaging with customers")
    COUNCILLORS = "councillors", _("Councillors' roles and responsibilities")
    OFFICER_COUNCILLOR = "officer_councillor", _("Officer communication with councillors")
    COMMUNITY_COUNCILS = "community_councils", _("City, town and community councils")
    EQUALITIES = "equalities", _("Equalities")


#: The catalogue's channels: any, the eight contact channels, and two of the catalogue's own
#: (standards for the website and for councillors are about conduct, not contacts).
STANDARD_CHANNELS = [
    ("", _("Any channel")),
    *Channel.choices,
    ("website", _("Website")),
    ("councillor", _("Councillors")),
]


class RuleChoice(models.TextChoices):
    WORKING_DAYS = Rule.WORKING_DAYS.value, _("Within N working days")
    HOURS = Rule.HOURS.value, _("Within N hours")
    MINUTES_AFTER_SCHEDULED = (
        Rule.MINUTES_AFTER_SCHEDULED.value,
        _("Within N minutes of the agreed time"),
    )
    AT_SCHEDULED = Rule.AT_SCHEDULED.value, _("At the agreed time")
    MEASURED = Rule.MEASURED.value, _("Measured, no deadline")
    CALENDAR_MONTHS = Rule.CALENDAR_MONTHS.value, _("Within N calendar months")


class Standard(TimeStampedModel):
    """One row of the catalogue: when the customer ..., you will ..., by ...

    ``channel``, ``contact_type`` and ``case_kind`` say which new cases are given this standard
    automatically when ``selectable`` is set; the most specific match wins.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    section = models.CharField(_("section"), max_length=24, choices=Section.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=STANDARD_CHANNELS, blank=True)
    contact_type = models.CharField(_("contact type"), max_length=24, blank=True)
    case_kind = models.CharField(_("case kind"), max_length=24, blank=True)
    selectable = models.BooleanField(_("given to new cases"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    event = models.CharField(_("when the customer"), max_length=200)
    commitment = models.CharField(_("you will"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self) -> str:
        # People read the "when the customer ..." in their language; the code is for the admin.
        return self.event


class Behaviour(models.Model):
    """A "by ..." behaviour, scored yes / no / not applicable when cases are monitored."""

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="behaviours", verbose_name=_("standard")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("behaviour"), max_length=400)

    class Meta:
        ordering = ["standard", "position"]
        verbose_name = _("behaviour")
        verbose_name_plural = _("behaviours")

    def __str__(self) -> str:
        return self.text


class Target(models.Model):
    """A promised deadline of a standard; each becomes a milestone of the case."""

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="targets", verbose_name=_("standard")
    )
    milestone = models.CharField(_("milestone"), max_length=24, choices=MilestoneKind.choices)
    rule = models.CharField(_("rule"), max_length=24, choices=RuleChoice.choices)
    amount = models.PositiveIntegerField(_("amount"), null=True, blank=True)
    due_soon_working_days = models.PositiveSmallIntegerField(
        _("due soon with working days left"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("For working-day rules: flag as due soon once fewer working days are left."),
    )
    due_soon_fraction = models.DecimalField(
        _("due soon with this fraction left"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("0.99"))],
        help_text=_("For hour and minute rules: flag as due soon once less of the span is left."),
    )

    class Meta:
        ordering = ["standard", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "milestone"], name="one_target_per_milestone_kind"
            ),
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.description

    @property
    def description(self) -> str:
        """The target in words in the active language, written from the rule and amount so
        that it always says what cases are given (standards/wording.py)."""
        return target_description(milestone=self.milestone, rule=self.rule, amount=self.amount)

    def clean(self) -> None:
        needs_amount = self.rule in (
            RuleChoice.WORKING_DAYS,
            RuleChoice.HOURS,
            RuleChoice.MINUTES_AFTER_SCHEDULED,
            RuleChoice.CALENDAR_MONTHS,
        )
        if needs_amount and not self.amount:
            raise ValidationError({"amount": _("This rule needs an amount of at least 1.")})


class ClosureDay(TimeStampedModel):
    """A day the offices are closed (e.g. between Christmas and New Year): not a working day."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"


class BusinessHours(models.Model):
    """The council's opening hours; one row, edited in the admin."""

    opens = models.TimeField(_("opens"), default=time(9))
    closes = models.TimeField(_("closes"), default=time(17))

    class Meta:
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")

    def __str__(self) -> str:
        return f"{self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens >= self.closes:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})
