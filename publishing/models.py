"""What a web change request or an emergency asks to be published, beside its case.

The case holds the deadlines (its ``publish`` and ``welsh_version`` milestones, written by the
one milestone writer) and the timeline; this row holds what only publishing needs: the page,
the change, the date it takes place, who asked or who is affected, and the addresses the pages
were published at (docs/adr/0033).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Service
from contacts.models import Case


class PublicationRequest(models.Model):
    case = models.OneToOneField(
        Case,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="publication_request",
        verbose_name=_("case"),
    )
    emergency = models.BooleanField(_("emergency information"), default=False)
    page = models.CharField(_("page or section"), max_length=300)
    change = models.TextField(_("what changes"))
    affected = models.CharField(_("who is affected"), max_length=300, blank=True)
    takes_place_on = models.DateField(_("date the change takes place"), null=True, blank=True)
    requested_by = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service asking"),
    )
    english_url = models.URLField(_("address of the English page"), max_length=500, blank=True)
    welsh_url = models.URLField(_("address of the Welsh page"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("publication request")
        verbose_name_plural = _("publication requests")

    def __str__(self) -> str:
        return str(self.case_id)
