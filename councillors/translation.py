from modeltranslation.translator import TranslationOptions, register

from .models import Ward


@register(Ward)
class WardTranslation(TranslationOptions):
    fields = ("name",)
