"""Template filters for Welsh grammar (common/welsh.py)."""

from django import template
from django.utils.translation import get_language

from common.welsh import soft_mutation

register = template.Library()


@register.filter
def soft_mutated_in_welsh(text: str) -> str:
    """``text`` softly mutated when the page is Welsh, for a value the Welsh sentence puts
    after a preposition that mutates (``drwy``, ``i``, ``o``, ``am``, ``ar`` ...); unchanged
    in English."""
    if (get_language() or "").startswith("cy"):
        return soft_mutation(str(text))
    return text
