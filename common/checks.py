"""System checks for settings a typing slip would otherwise turn into errors at the first
request."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

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
