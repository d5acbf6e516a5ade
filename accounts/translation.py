"""Service and team names are edited by administrators in both languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import Service, Team


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name",)


@register(Team)
class TeamTranslation(TranslationOptions):
    fields = ("name",)
