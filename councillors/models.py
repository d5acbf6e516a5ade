"""Electoral wards and the councillors who represent them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Ward(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    councillors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="wards",
        verbose_name=_("councillors"),
        limit_choices_to={"role": "councillor"},
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("ward")
        verbose_name_plural = _("wards")

    def __str__(self) -> str:
        return self.name
