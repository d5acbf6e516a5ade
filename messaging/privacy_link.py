"""The link to the privacy notice every message to a customer can carry (``{{ privacy_url }}``):
UK GDPR wants people told how their information is used when it is collected, and the
acknowledgement is the first thing the council sends them (issue 17)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def privacy_url(language: str) -> str:
    """The absolute address of the notice in ``language``, on the site residents reach
    (``CYSWLLT["PUBLIC_URL"]``): a text or a letter cannot carry a relative link."""
    site = str(settings.CYSWLLT.get("PUBLIC_URL", "http://localhost:8000"))
    with translation.override(language):
        path = reverse("dataprotection:privacy")
    return site.rstrip("/") + path
