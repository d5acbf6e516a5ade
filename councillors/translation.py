from modeltranslation.translator import TranslationOptions, register

from .models import CommunityCouncil, Ward


@register(Ward)
class WardTranslation(TranslationOptions):
    fields = ("name",)


@register(CommunityCouncil)
class CommunityCouncilTranslation(TranslationOptions):
    fields = ("name",)
