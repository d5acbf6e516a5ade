"""The routing table: the kinds of request each service handles, in the words residents use.

Administrators edit it in both languages (``translation.py``). The staff form suggests a
destination from it while logging (``selectors.request_type_suggestions``), Open311 lists its
service codes, and the public contact form offers its topics (docs/adr/0020).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel

LANGS = ("cy", "en")


# modeltranslation gives the model a manager class made at run time, which django-stubs cannot
# name (as for every translated model: see mypy-baseline.txt).
class RequestType(TimeStampedModel):  # type: ignore[django-manager-missing]
    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.PROTECT,
        # No reverse accessors: nothing reads a service's types through it, and the
        # translated model's manager is one django-stubs cannot name.
        related_name="+",
        verbose_name=_("service"),
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
        help_text=_("The team whose queue these requests go to, if not the service's choice."),
    )
    name = models.CharField(_("name"), max_length=120)
    words = models.TextField(
        _("words residents use"),
        blank=True,
        help_text=_("One phrase a line, e.g. “missed bin” or “pothole”."),
    )
    open311_code = models.SlugField(
        _("Open311 service code"),
        max_length=40,
        blank=True,
        db_index=False,  # the unique constraint's index serves the look-ups
        help_text=_("The code Open311 clients such as FixMyStreet use for this request."),
    )
    public = models.BooleanField(
        _("shown on the public contact form"),
        default=False,
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_(
            "Cases of this type are seen only by their service's staff (for example adult "
            "social care)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["ordering", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["open311_code"],
                condition=~Q(open311_code=""),
                name="request_type_open311_code_unique",
                violation_error_message=_("Another request type has this Open311 service code."),
            ),
        ]
        verbose_name = _("request type")
        verbose_name_plural = _("request types")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        team = self.team if self.team_id else None
        if team is not None and self.service_id and team.service_id != self.service_id:
            raise ValidationError({"team": _("Choose a team of the request type's service.")})

    def phrases(self) -> tuple[str, ...]:
        """Every name and phrase, in both languages: a resident may use either."""
        # The columns modeltranslation adds for each language (``translation.py``).
        texts = [getattr(self, f"{field}_{code}") for field in ("name", "words") for code in LANGS]
        return tuple(
            line.strip() for text in texts if text for line in text.splitlines() if line.strip()
        )
