"""The channels a contact arrives on, and the contact types within each."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    FAX = "fax", _("Fax")
    VISIT = "visit", _("Visit")
    WEBFORM = "webform", _("Web form")
    SOCIAL = "social", _("Social media")


class PhoneContact(models.TextChoices):
    ANSWERED = "answered", _("Answered call")
    VOICEMAIL = "voicemail", _("Voicemail left")
    CALLBACK = "callback", _("Callback arranged")


class EmailContact(models.TextChoices):
    OFFICER = "officer", _("To a named officer")
    DEPARTMENT = "department", _("To a department mailbox")


class VisitContact(models.TextChoices):
    RECEPTION = "reception", _("Reception drop-in")
    APPOINTMENT = "appointment", _("Appointment at the office")
    OFFICER_VISIT = "officer_visit", _("Officer visit to the customer")
    UNANNOUNCED = "unannounced", _("Unannounced visit")


class SocialPlatform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X"
    INSTAGRAM = "instagram", "Instagram"
    LINKEDIN = "linkedin", "LinkedIn"
    NEXTDOOR = "nextdoor", "Nextdoor"
    OTHER = "other", _("Other")
