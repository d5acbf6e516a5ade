"""What the standards evaluation keeps: daily figures, satisfaction answers, random monitoring.

The daily tables are derived data: the beat job (``performance.dashboards.daily``) rebuilds any
range of days from the cases and milestones, so losing or repeating a run costs nothing.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DailyMilestoneStat(models.Model):
    """Milestones of the cases received on one local day, by what the evaluation groups by.

    ``durations`` holds the seconds each closed milestone took (for a visitor, from arrival to
    being seen), so medians and percentiles over any period stay exact without reading the
    milestones again. On the embedded SQLite first run the column holds the same list as
    JSON text, written and read by raw SQL only (``performance.dashboards.daily``).
    """

    day = models.DateField(_("received on"))
    standard = models.ForeignKey(
        "standards.Standard", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(_("milestone"), max_length=24)
    channel = models.CharField(_("channel"), max_length=16)
    service = models.ForeignKey(
        "accounts.Service", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    language = models.CharField(_("language"), max_length=2, blank=True)
    total = models.PositiveIntegerField(default=0)
    met = models.PositiveIntegerField(default=0)
    met_late = models.PositiveIntegerField(default=0)
    breached = models.PositiveIntegerField(default=0)  # still open after the due time
    durations = ArrayField(models.PositiveIntegerField(), default=list)
    refreshed_at = models.DateTimeField()

    class Meta:
        db_table = "standards_dailymilestonestat"  # the table kept its name when the model moved
        constraints = [
            models.UniqueConstraint(
                fields=["day", "standard", "kind", "channel", "service", "language"],
                name="one_milestone_stat_per_group",
            ),
        ]
        verbose_name = _("daily milestone figures")
        verbose_name_plural = _("daily milestone figures")

    def __str__(self) -> str:
        return f"{self.day} {self.standard_id} {self.kind}"


class DailyCaseStat(models.Model):
    """Cases received on one local day: how many, resolved, resolved without reopening."""

    day = models.DateField(_("received on"))
    standard = models.ForeignKey(
        "standards.Standard", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    channel = models.CharField(_("channel"), max_length=16)
    service = models.ForeignKey(
        "accounts.Service", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    language = models.CharField(_("language"), max_length=2, blank=True)
    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    right_first_time = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        db_table = "standards_dailycasestat"  # the table kept its name when the model moved
        constraints = [
            models.UniqueConstraint(
                fields=["day", "standard", "channel", "service", "language"],
                name="one_case_stat_per_group",
            ),
        ]
        verbose_name = _("daily case figures")
        verbose_name_plural = _("daily case figures")

    def __str__(self) -> str:
        return f"{self.day} {self.standard_id}"


class Satisfaction(models.TextChoices):
    SATISFIED = "yes", pgettext_lazy("satisfied?", "Yes")
    NOT_SATISFIED = "no", pgettext_lazy("satisfied?", "No")


class SatisfactionAnswer(models.Model):
    """The customer's one-click answer to "were you satisfied?"; a later click replaces it."""

    case = models.OneToOneField(
        "contacts.Case",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="satisfaction",
        verbose_name=_("case"),
    )
    answer = models.CharField(_("answer"), max_length=3, choices=Satisfaction.choices)
    answered_at = models.DateTimeField(_("answered"))

    class Meta:
        db_table = "standards_satisfactionanswer"  # the table kept its name when the model moved
        indexes = [models.Index(fields=["answered_at"], name="satisfaction_answered")]
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.answer}"


class MonitoringSample(models.Model):
    """The random sample of one service's closed cases for one month, drawn once."""

    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.CASCADE,
        related_name="monitoring_samples",
        verbose_name=_("service"),
        db_index=False,
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month sampled."))
    size = models.PositiveSmallIntegerField(_("sample size"))
    seed = models.BigIntegerField(_("random seed"))
    population = models.PositiveIntegerField(_("closed cases in the month"))
    drawn_at = models.DateTimeField(_("drawn"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )

    class Meta:
        db_table = "standards_monitoringsample"  # the table kept its name when the model moved
        ordering = ["-month", "service"]
        constraints = [
            models.UniqueConstraint(fields=["service", "month"], name="one_sample_per_month"),
        ]
        verbose_name = _("monitoring sample")
        verbose_name_plural = _("monitoring samples")

    def __str__(self) -> str:
        return f"{self.service_id} {self.month:%Y-%m}"


class MonitoringCheck(models.Model):
    """One sampled case, to be scored against its standard's behaviours."""

    sample = models.ForeignKey(
        MonitoringSample,
        on_delete=models.CASCADE,
        related_name="checks",
        verbose_name=_("sample"),
        db_index=False,
    )
    case = models.ForeignKey(
        "contacts.Case", on_delete=models.CASCADE, related_name="+", verbose_name=_("case")
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)

    class Meta:
        db_table = "standards_monitoringcheck"  # the table kept its name when the model moved
        ordering = ["sample", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "case"], name="one_check_per_sampled_case"),
        ]
        verbose_name = _("monitoring check")
        verbose_name_plural = _("monitoring checks")

    def __str__(self) -> str:
        return f"{self.sample_id}:{self.case_id}"


class ScoreAnswer(models.TextChoices):
    # "Was the behaviour shown?": Welsh answers with the verb of the question.
    YES = "yes", pgettext_lazy("behaviour shown?", "Yes")
    NO = "no", pgettext_lazy("behaviour shown?", "No")
    NOT_APPLICABLE = "na", _("Not applicable")


class MonitoringScore(models.Model):
    """Whether the officer showed one "by ..." behaviour in the sampled case."""

    sampled = models.ForeignKey(
        MonitoringCheck,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("check"),
        db_index=False,
    )
    behaviour = models.ForeignKey(
        "standards.Behaviour",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("behaviour"),
    )
    answer = models.CharField(_("answer"), max_length=3, choices=ScoreAnswer.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        db_table = "standards_monitoringscore"  # the table kept its name when the model moved
        constraints = [
            models.UniqueConstraint(
                fields=["sampled", "behaviour"], name="one_score_per_behaviour"
            ),
        ]
        verbose_name = _("monitoring score")
        verbose_name_plural = _("monitoring scores")

    def __str__(self) -> str:
        return f"{self.sampled_id}:{self.behaviour_id}={self.answer}"


class SlaSnapshot(models.Model):
    """Open milestones breached, due today and due soon, counted by every dashboard dimension.

    Counting them live reads every breached milestone (no index holds them) — about a second
    with a million cases — so the beat job recounts them each minute, replacing the table in
    one transaction, and the dashboard sums this small table instead.
    """

    taken_at = models.DateTimeField()
    channel = models.CharField(max_length=16)
    standard = models.ForeignKey(
        "standards.Standard", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    service = models.ForeignKey("accounts.Service", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, related_name="+", db_index=False
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        db_index=False,
    )
    language = models.CharField(max_length=2, blank=True)
    # Confidential cases are counted apart: a user the policy hides some of them from has
    # them counted live instead, as far as they may open them (``dashboards.live``).
    confidential = models.BooleanField(default=False)
    breached = models.PositiveIntegerField(default=0)
    due_today = models.PositiveIntegerField(default=0)
    due_soon = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "standards_slasnapshot"  # the table kept its name when the model moved
        verbose_name = _("SLA snapshot")
        verbose_name_plural = _("SLA snapshots")

    def __str__(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M} {self.service_id}"
