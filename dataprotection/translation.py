"""The retention schedule's texts, edited by administrators in Welsh and English."""

from modeltranslation.translator import TranslationOptions, register

from .models import RetentionRule


@register(RetentionRule)
class RetentionRuleTranslation(TranslationOptions):
    fields = ("name", "basis")
    # Both names: the data protection officer's pages show the reader's language.
    required_languages = {"cy": ("name",), "en": ("name",)}
