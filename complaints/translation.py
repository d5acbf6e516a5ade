"""Texts of complaints data shown in Welsh and English."""

from modeltranslation.translator import TranslationOptions, register

from .models import ComplaintCategory, Feedback


@register(ComplaintCategory)
class ComplaintCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Feedback)
class FeedbackTranslation(TranslationOptions):
    fields = ("published_you_said", "published_we_did")
