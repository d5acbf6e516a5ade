"""When each background process last showed it was alive, and how each periodic job last ran.

One row per name, overwritten in place: the table stays as small as the number of periodic jobs,
and every process (each web worker, on each machine) reads the same truth from it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    name = models.CharField(_("name"), max_length=200, primary_key=True)
    at = models.DateTimeField(_("recorded at"))
    #: How long the run took, for a periodic job; empty for a heartbeat.
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=True)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return self.name
