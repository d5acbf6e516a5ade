"""The address of the person at the other end of a request, for throttles, lockouts and the
audit of reads.

Behind a reverse proxy the socket's peer (REMOTE_ADDR) is the proxy, and every resident would
share one address: one person could then lock everyone out. The client's own address is in
X-Forwarded-For, but anyone can write that header, so it is believed only hop by hop from the
right while the hop that handed it on is one of the proxies the operator trusts
(`CYSWLLT_TRUSTED_PROXIES`, addresses or networks). The first hop that is not a trusted proxy is
the client: an address a resident forges to the left of it is never reached. This is the
"rightmost untrusted address" rule (MDN, X-Forwarded-For, "Selecting an IP address").

Why not django-ipware: its trusted-proxy list is matched against the entries inside
X-Forwarded-For, by position, and it never checks the socket's peer, so a resident who reaches
the application directly could name any address; this rule needs only the standard library.
"""

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Beyond this many hops a header is not from any proxy chain a council runs.
MAX_FORWARDED_HOPS = 20
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def trusted_networks(proxies: tuple[str, ...]) -> tuple[IpNetwork, ...]:
    # Cached by value: settings are fixed for the life of a process, and tests that override
    # them get their own entry.
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)


def _parse(address: str) -> IpAddress | None:
    text = address.strip().strip('"')
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:4711"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:4711"
        text = text.split(":", 1)[0]
    try:
        parsed = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
        return parsed.ipv4_mapped
    return parsed


def _is_trusted(address: IpAddress, networks: Iterable[IpNetwork]) -> bool:
    return any(address in network for network in networks)


def client_address_from(remote_addr: str, forwarded_for: str, trusted: Iterable[IpNetwork]) -> str:
    """The client's address: `remote_addr`, or, while the hop is a trusted proxy, the next
    address to the left in `forwarded_for`. "unknown" when the peer's address is unreadable.
    A malformed entry stops the walk at the proxy that passed it on (the proxy's address is
    returned: one bad header must not give its sender an address of their choosing)."""
    networks = tuple(trusted)
    current = _parse(remote_addr)
    if current is None:
        return UNKNOWN
    hops = [hop for hop in forwarded_for.split(",") if hop.strip()] if forwarded_for else []
    hops = hops[-MAX_FORWARDED_HOPS:]
    while hops and _is_trusted(current, networks):
        previous = _parse(hops.pop())
        if previous is None:
            break
        current = previous
    return str(current)


def client_address(request: HttpRequest) -> str:
    """The address throttles, lockouts and the audit of reads key on (see the module's notes)."""
    return client_address_from(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted_networks(tuple(settings.CYSWLLT_TRUSTED_PROXIES)),
    )
