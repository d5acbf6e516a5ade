from modeltranslation.translator import TranslationOptions, register

from .models import CommunityCouncil, Ward, WardEvent


@register(Ward)
class WardTranslation(TranslationOptions):
    fields = ("name",)


@register(CommunityCouncil)
class CommunityCouncilTranslation(TranslationOptions):
    fields = ("name",)


@register(WardEvent)
class WardEventTranslation(TranslationOptions):
    """Staff write each calendar entry for residents and councillors in both languages, like
    every other text written for the public (SPEC §5)."""

    fields = ("title", "description", "effect")
