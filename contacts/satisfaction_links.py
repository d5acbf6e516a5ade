"""The link to the satisfaction question at the end of the resolution message: one click, no
sign-in (the answers are kept by ``performance.satisfaction``).

The link carries the case's id signed with the site's key (django.core.signing), so nobody can
answer for a case they were not sent. Answering again replaces the answer: a customer who
clicked the wrong button can put it right, and each case still counts once.
"""

from typing import cast

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Case

#: Links already sent were signed with this salt when the code lived in standards; keep it.
_SALT = "standards.satisfaction"
#: Long enough to answer a letter; the link in an old message then says it has expired.
MAX_AGE_SECONDS = 180 * 24 * 3600


def satisfaction_token(case_id: int) -> str:
    return signing.dumps(case_id, salt=_SALT, compress=True)


def satisfaction_case(token: str) -> Case | None:
    """The case a link was sent for, or None for a link that is forged, garbled or expired."""
    if len(token) > 200:
        return None
    try:
        case_id = signing.loads(token, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(case_id, int):
        return None
    return Case.objects.filter(pk=case_id).first()


def satisfaction_url(*, case_id: int, language: str) -> str:
    """The absolute link put in the resolution message, in the customer's language.

    The site's public address is ``CYSWLLT["PUBLIC_URL"]`` (the address residents reach the
    public forms at)."""
    site = cast(str, settings.CYSWLLT.get("PUBLIC_URL", "http://localhost:8000"))
    with translation.override(language):
        path = reverse("performance:satisfaction", args=[satisfaction_token(case_id)])
    return site.rstrip("/") + path
