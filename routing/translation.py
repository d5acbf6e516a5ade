"""The routing table's names and words, edited by administrators in Welsh and English."""

from modeltranslation.translator import TranslationOptions, register

from .models import RequestType


@register(RequestType)
class RequestTypeTranslation(TranslationOptions):
    fields = ("name", "words")
    # Both names, since the staff form and the public form show the reader's language.
    required_languages = {"cy": ("name",), "en": ("name",)}
