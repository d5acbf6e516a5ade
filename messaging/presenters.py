"""What the case page shows of messaging: how a message to the customer would go, in words.

Registered as ``contacts.hooks.message_way`` so that the case page asks without importing
messaging."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from contacts.models import Case, LanguagePreference

from .domain.replies import ReplyLanguage
from .messages import message_plan
from .models import Method

REPLY_LANGUAGES = {
    ReplyLanguage.WELSH: LanguagePreference.WELSH.label,
    ReplyLanguage.ENGLISH: LanguagePreference.ENGLISH.label,
    ReplyLanguage.BILINGUAL: gettext_lazy("Welsh and English, Welsh first"),
}


@dataclass(frozen=True)
class MessageWay:
    """How a message to the customer will go, in words."""

    language: str
    method: str
    recipient: str


def message_way(case: Case) -> MessageWay | None:
    """How a message to the case's customer goes, or ``None`` when nothing can reach them."""
    plan = message_plan(case)
    if plan is None:
        return None
    return MessageWay(
        language=str(REPLY_LANGUAGES[plan.language]),
        method=str(Method(plan.method).label),
        recipient=plan.recipient,
    )
