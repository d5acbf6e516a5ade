"""Texts of the catalogue that administrators edit in Welsh and English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Behaviour, ClosureDay, Standard


@register(Standard)
class StandardTranslation(TranslationOptions):
    fields = ("event", "commitment")


@register(Behaviour)
class BehaviourTranslation(TranslationOptions):
    fields = ("text",)


@register(ClosureDay)
class ClosureDayTranslation(TranslationOptions):
    fields = ("reason",)
