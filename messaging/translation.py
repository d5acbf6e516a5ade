"""Message templates are written by administrators in Welsh and English."""

from modeltranslation.translator import TranslationOptions, register

from .models import MessageTemplate


@register(MessageTemplate)
class MessageTemplateTranslation(TranslationOptions):
    fields = ("subject", "body", "next_steps")
