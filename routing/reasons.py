"""Why a case went back: it landed in the wrong service (SPEC §9). Such a transfer counts
against "right first time" in the standards evaluation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MisrouteReason(models.TextChoices):
    NOT_OURS = "not_ours", _("This service does not deal with it")
    WRONG_REQUEST_TYPE = "wrong_request_type", _("The wrong request type was chosen")
    OTHER = "other", _("Another reason (say which in the note)")
