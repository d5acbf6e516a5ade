"""Complaints, compliments and feedback, each with their own record beside the case."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from standards.channels import Channel


class Compliment(TimeStampedModel):
    """Praise for an officer or a team, passed on to them and their manager; one logged as a
    case (``case``, one compliment each) goes to the service's complaints officers too."""

    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.PROTECT,
        related_name="compliments",
        verbose_name=_("service"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compliments_received",
        verbose_name=_("officer praised"),
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compliments",
        verbose_name=_("team praised"),
    )
    case = models.OneToOneField(
        "contacts.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compliment",
        verbose_name=_("case"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"))
    from_name = models.CharField(_("from"), max_length=200, blank=True)
    text = models.TextField(_("what they said"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="compliments_recorded",
        verbose_name=_("recorded by"),
    )
    passed_on_at = models.DateTimeField(_("passed on"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["officer", "received_at"], name="compliment_officer"),
            models.Index(fields=["service", "received_at"], name="compliment_service"),
        ]
        constraints = [
            # One logged as a case may name nobody: the case says whom it praises.
            models.CheckConstraint(
                condition=Q(officer__isnull=False) | Q(team__isnull=False) | Q(case__isnull=False),
                name="compliment_names_officer_or_team",
                violation_error_message=_("Choose the officer or the team praised."),
            ),
        ]
        verbose_name = _("compliment")
        verbose_name_plural = _("compliments")

    def __str__(self) -> str:
        return f"{self.service} {self.received_at:%Y-%m-%d}"


class ComplaintCategory(TimeStampedModel):
    """A subject category of the Ombudsman's Complaints Standards Authority, with the stage
    timescales complaints about it follow (social services have their own statutory ones)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    stage1_acknowledge_days = models.PositiveSmallIntegerField(
        _("stage 1: acknowledge within (working days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when stage 1 has no separate acknowledgement."),
    )
    stage1_days = models.PositiveSmallIntegerField(
        _("stage 1: resolve within (working days)"), default=10
    )
    stage2_acknowledge_days = models.PositiveSmallIntegerField(
        _("stage 2: acknowledge within (working days)"), default=5
    )
    stage2_days = models.PositiveSmallIntegerField(
        _("stage 2: full response within (working days)"), default=20
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage1_days__gte=1)
                & Q(stage2_acknowledge_days__gte=1)
                & Q(stage2_days__gte=1)
                & (Q(stage1_acknowledge_days__isnull=True) | Q(stage1_acknowledge_days__gte=1)),
                name="complaint_category_days_positive",
                violation_error_message=_("Timescales are at least 1 working day."),
            ),
        ]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")

    def __str__(self) -> str:
        return self.name


class Stage(models.IntegerChoices):
    ONE = 1, _("Stage 1 – informal resolution")
    TWO = 2, _("Stage 2 – formal investigation")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    RESOLVED_EARLY = "resolved_early", _("Resolved early (investigation not merited)")
    WITHDRAWN = "withdrawn", _("Withdrawn or discontinued")


class OmbudsmanOutcome(models.TextChoices):
    NOT_INVESTIGATED = "not_investigated", _("Not investigated")
    EARLY_RESOLUTION = "early_resolution", _("Early resolution or voluntary settlement")
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    DISCONTINUED = "discontinued", _("Discontinued")


class ClosureBand(models.TextChoices):
    WITHIN_20_DAYS = "within_20", _("Within 20 working days")
    UP_TO_3_MONTHS = "up_to_3_months", _("20 working days to 3 months")
    UP_TO_6_MONTHS = "up_to_6_months", _("3 to 6 months")
    OVER_6_MONTHS = "over_6_months", _("Over 6 months")


class Complaint(TimeStampedModel):
    """What a complaint case carries beyond the case itself (SPEC §2, the model concerns and
    complaints policy). The deadlines of its stages are the case's milestones."""

    case = models.OneToOneField(
        "contacts.Case",
        on_delete=models.CASCADE,
        related_name="complaint",
        verbose_name=_("case"),
    )
    category = models.ForeignKey(
        ComplaintCategory,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("category"),
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices, default=Stage.ONE)
    events_on = models.DateField(_("date of the events complained about"))
    late_reason = models.TextField(_("why a complaint made after 6 months is accepted"), blank=True)
    on_behalf_of = models.CharField(
        _("made on behalf of"),
        max_length=200,
        blank=True,
        help_text=_("The person the complaint is about, when someone else makes it for them."),
    )
    consent_note = models.TextField(_("how their consent was given"), blank=True)
    officers_complained_about = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="complaints_about",
        verbose_name=_("staff complained about"),
    )
    teams_complained_about = models.ManyToManyField(
        "accounts.Team",
        blank=True,
        related_name="complaints_about",
        verbose_name=_("teams complained about"),
    )
    stage2_started_at = models.DateTimeField(_("stage 2 started"), null=True, blank=True)
    stage2_reason = models.TextField(_("why it went to stage 2"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(_("closed with outcome"), null=True, blank=True)
    closure_band = models.CharField(
        _("time taken"), max_length=16, choices=ClosureBand.choices, blank=True
    )
    remedy = models.TextField(_("remedy"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    ombudsman_referred_on = models.DateField(_("referred to the Ombudsman"), null=True, blank=True)
    ombudsman_reference = models.CharField(_("Ombudsman's reference"), max_length=40, blank=True)
    ombudsman_outcome = models.CharField(
        _("Ombudsman's outcome"), max_length=20, choices=OmbudsmanOutcome.choices, blank=True
    )
    ombudsman_decided_on = models.DateField(_("Ombudsman decided"), null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["outcome_at"], name="complaint_outcome_at"),
            models.Index(fields=["ombudsman_referred_on"], name="complaint_ombudsman_referred"),
            models.Index(fields=["ombudsman_decided_on"], name="complaint_ombudsman_decided"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_at__isnull=False),
                name="complaint_outcome_has_time",
            ),
            models.CheckConstraint(
                condition=Q(stage=1) | Q(stage2_started_at__isnull=False),
                name="complaint_stage2_has_start",
            ),
        ]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return str(self.case)

    @property
    def is_open(self) -> bool:
        return not self.outcome


class ComplaintAction(TimeStampedModel):
    """A follow-up action agreed on a complaint (a lesson put into practice), with an owner
    and a date."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="actions", verbose_name=_("complaint")
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="complaint_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.description


class ReportingSettings(models.Model):
    """The council's figures the quarterly report needs (one row)."""

    population = models.PositiveIntegerField(
        _("residents"),
        default=100_000,
        help_text=_("The county's population, for complaints per 1,000 residents."),
    )

    class Meta:
        verbose_name = _("complaints reporting settings")
        verbose_name_plural = _("complaints reporting settings")

    def __str__(self) -> str:
        return str(self.population)


class FeedbackDecision(models.TextChoices):
    UNDER_CONSIDERATION = "", _("Being considered")
    ACTED_ON = "acted_on", _("We acted on it")
    NOT_ADOPTED = "not_adopted", _("Not taken forward")


class Feedback(TimeStampedModel):
    """A suggestion or comment, considered and answered; what the council acted on may be
    published as "You said, we did" in words the officer writes without personal data."""

    case = models.OneToOneField(
        "contacts.Case",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("case"),
    )
    decision = models.CharField(
        _("decision"), max_length=12, choices=FeedbackDecision.choices, blank=True
    )
    outcome = models.TextField(_("what we did"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    published = models.BooleanField(_("published as You said, we did"), default=False)
    published_you_said = models.TextField(_("you said (published)"), blank=True)
    published_we_did = models.TextField(_("we did (published)"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["-decided_at"], name="feedback_published", condition=Q(published=True)
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(published=False) | Q(decision="acted_on"),
                name="feedback_published_only_acted_on",
            ),
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return str(self.case)


class SignpostRoute(models.TextChoices):
    STATUTORY_APPEAL = "statutory_appeal", _("Statutory appeal")
    INFORMATION_REQUEST = "information_request", _("Freedom of information or data protection")
    PARKING_PENALTY = "parking_penalty", _("Parking penalty challenge")
    COUNCILLOR_CONDUCT = "councillor_conduct", _("Complaint about a councillor (the Ombudsman)")


class Signposting(models.Model):
    """A matter with its own route, recorded and signposted rather than run as a complaint."""

    case = models.OneToOneField(
        "contacts.Case",
        on_delete=models.CASCADE,
        related_name="signposting",
        verbose_name=_("case"),
    )
    route = models.CharField(_("route"), max_length=24, choices=SignpostRoute.choices)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("signposted"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("signposting")
        verbose_name_plural = _("signpostings")

    def __str__(self) -> str:
        return f"{self.case} → {self.route}"
