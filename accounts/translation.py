"""Service and team names are edited by administrators in both languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import Service, Team, User


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "website")


@register(Team)
class TeamTranslation(TranslationOptions):
    fields = ("name",)


@register(User)
class UserTranslation(TranslationOptions):
    fields = ("job_title",)
