"""Texts of consultations shown to the public in Welsh and English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Choice, Consultation, Question


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = (
        "title",
        "why",
        "proposal",
        "groups",
        "how_to_ask",
        "what_we_asked",
        "what_we_found",
        "what_difference",
    )


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "hint", "scale_min_label", "scale_max_label")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("text",)
