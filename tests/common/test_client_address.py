"""The client's address behind trusted proxies (common/client_address.py), worked out by hand."""

import pytest
from django.test import RequestFactory, override_settings

from common.checks import trusted_proxies_are_addresses
from common.client_address import client_address, client_address_from, trusted_networks

PROXIES = trusted_networks(("10.0.0.0/8", "192.0.2.7"))


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        # Direct connection: the peer is the client, whatever header it wrote.
        ("203.0.113.5", "", "203.0.113.5"),
        ("203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # One trusted proxy: the address it received the request from.
        ("10.1.2.3", "203.0.113.5", "203.0.113.5"),
        # A resident forges a header: nginx appends the real address on the right.
        ("10.1.2.3", "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        # Two trusted proxies (a load balancer at 192.0.2.7, then nginx at 10.1.2.3).
        ("10.1.2.3", "1.2.3.4, 203.0.113.5, 192.0.2.7", "203.0.113.5"),
        # Every hop trusted: the left-most is the furthest we can see.
        ("10.1.2.3", "10.9.9.9", "10.9.9.9"),
        # A proxy with no header: the proxy is all we know.
        ("10.1.2.3", "", "10.1.2.3"),
        # Ports and brackets as some proxies write them; IPv4 mapped into IPv6.
        ("10.1.2.3", "203.0.113.5:4711", "203.0.113.5"),
        ("10.1.2.3", "[2001:db8::1]:4711", "2001:db8::1"),
        ("::ffff:10.1.2.3", "203.0.113.5", "203.0.113.5"),
        # A malformed hop stops the walk at the proxy that passed it on.
        ("10.1.2.3", "203.0.113.5, not-an-address", "10.1.2.3"),
        ("10.1.2.3", "203.0.113.5,,", "203.0.113.5"),
        # An unreadable peer.
        ("", "203.0.113.5", "unknown"),
        ("garbage\x00", "", "unknown"),
    ],
)
def test_the_client_is_the_rightmost_address_no_trusted_proxy_vouches_for(
    remote_addr: str, forwarded_for: str, expected: str
) -> None:
    assert client_address_from(remote_addr, forwarded_for, PROXIES) == expected


def test_with_no_trusted_proxies_the_header_is_never_believed() -> None:
    assert client_address_from("10.1.2.3", "203.0.113.5", ()) == "10.1.2.3"


def test_a_long_forged_chain_is_cut_short() -> None:
    forged = ", ".join(["10.0.0.1"] * 10_000 + ["10.0.0.2"])
    assert client_address_from("10.1.2.3", forged, PROXIES) == "10.0.0.1"


@override_settings(CYSWLLT_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_the_request_helper_reads_the_settings() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5"
    )
    assert client_address(request) == "203.0.113.5"


@override_settings(CYSWLLT_TRUSTED_PROXIES=["10.0.0.0/8", "nginx"])
def test_a_proxy_that_is_not_an_address_stops_the_start() -> None:
    [error] = trusted_proxies_are_addresses()
    assert error.id == "cyswllt.E001"
    assert "nginx" in error.msg


@override_settings(CYSWLLT_TRUSTED_PROXIES=["10.0.0.0/8", "2001:db8::/32"])
def test_addresses_and_networks_pass_the_check() -> None:
    assert trusted_proxies_are_addresses() == []
