"""System checks for settings a typing slip would otherwise turn into errors at the first
request."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from common.client_address import trusted_networks


@register()
def trusted_proxies_are_addresses(**kwargs: object) -> list[CheckMessage]:
    try:
        trusted_networks(tuple(settings.CYSWLLT_TRUSTED_PROXIES))
    except ValueError as error:
        return [
            Error(
                f"CYSWLLT_TRUSTED_PROXIES holds what is not an address or network: {error}",
                hint="Give addresses or networks, comma-separated, e.g. 10.0.0.0/8,192.0.2.7",
                id="cyswllt.E001",
            )
        ]
    return []


@register(Tags.security)
def secret_key_is_not_the_embedded_one(**kwargs: object) -> list[CheckMessage]:
    """Anyone can read the built-in key in the source, and with it forge sessions, password
    reset links and signed values: a server without DEBUG (production) must not start on it."""
    if settings.DEBUG or settings.SECRET_KEY != settings.EMBEDDED_SECRET_KEY:
        return []
    return [
        Error(
            "DJANGO_SECRET_KEY is not set: the built-in secret key is public.",
            hint="Set DJANGO_SECRET_KEY to a long random string, e.g. `openssl rand -hex 32`.",
            id="cyswllt.E002",
        )
    ]
