"""Users, their roles, and the services and teams cases belong to."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel


class Role(models.TextChoices):
    ADVISOR = "advisor", _("Customer services advisor")
    MANAGER = "manager", _("Team manager")
    COMPLAINTS_OFFICER = "complaints_officer", _("Service complaints officer")
    COUNCILLOR = "councillor", _("County councillor")
    CLERK = "clerk", _("Town or community council clerk")
    ADMINISTRATOR = "administrator", _("Administrator")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data protection officer")


#: Roles that work cases inside a council service.
STAFF_ROLES = frozenset({Role.ADVISOR, Role.MANAGER, Role.COMPLAINTS_OFFICER})
#: Roles that submit enquiries on behalf of others and see only their own.
SUBMITTER_ROLES = frozenset({Role.COUNCILLOR, Role.CLERK})
#: Roles that read the audit of who read which case or customer record (SPEC §12). The data
#: protection officer reads no case itself: only who read what.
AUDIT_ROLES = frozenset({Role.ADMINISTRATOR, Role.DATA_PROTECTION_OFFICER})


class Language(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")


class Service(TimeStampedModel):
    """A council service (waste, highways, housing...) that owns cases."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone number"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("An inactive service takes no new cases and no transfers."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="teams", verbose_name=_("service")
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    manager = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_teams",
        verbose_name=_("manager"),
    )
    mailbox = models.EmailField(_("team mailbox"), blank=True)
    # The council's front door (contact centre, reception): its members log contacts for any
    # service and keep customers' records up to date (SPEC §9).
    front_line = models.BooleanField(
        _("front line"),
        default=False,
        help_text=_(
            "A contact centre or reception: its members log contacts for any service and "
            "edit and merge customer records."
        ),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive team receives no cases.")
    )
    # Website change requests and emergency information go to its queue (docs/adr/0033).
    web_team = models.BooleanField(
        _("web team"),
        default=False,
        help_text=_(
            "The team that publishes the website: change requests and emergency information "
            "go to its queue. Only one team can be the web team."
        ),
    )

    class Meta:
        ordering = ["service__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["web_team"], condition=models.Q(web_team=True), name="one_web_team"
            ),
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.service} – {self.name}"


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=24, choices=Role.choices, default=Role.ADVISOR)
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("telephone number"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def service_id(self) -> int | None:
        return self.team.service_id if self.team is not None else None

    @property
    def on_front_line(self) -> bool:
        """A member of a front-line team (contact centre, reception): logs for any service."""
        team = self.team if self.team_id else None
        return team is not None and team.front_line

    @property
    def works_cases(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser

    @property
    def reads_audit(self) -> bool:
        return self.is_administrator or self.role in AUDIT_ROLES


class Absence(TimeStampedModel):
    """An officer away from work (leave, training, sickness): e-mail addressed to them while
    they are away gets an out-of-office reply naming who to contact instead."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="absences", verbose_name=_("officer")
    )
    starts_on = models.DateField(_("first day away"))
    ends_on = models.DateField(_("last day away"))
    cover = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="covering",
        verbose_name=_("colleague covering"),
    )
    urgent_contact = models.CharField(
        _("urgent contact"),
        max_length=200,
        blank=True,
        help_text=_("A telephone number or e-mail address for urgent matters."),
    )

    class Meta:
        ordering = ["user", "starts_on"]
        indexes = [models.Index(fields=["user", "ends_on"], name="absence_user_end")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_after_start",
                violation_error_message=_("The last day away cannot be before the first."),
            ),
        ]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")

    def __str__(self) -> str:
        return f"{self.user} {self.starts_on}–{self.ends_on}"


# API tokens live in their own module (api_tokens/) but are this app's model.
from .api_tokens.models import ApiToken  # noqa: E402, F401
