"""The keyed digest that stands for a respondent's e-mail address: the same address (whatever
its case or surrounding spaces) always gives the same digest, and the digest cannot be turned
back into the address without the key (the application's secret)."""

import hashlib
import hmac


def normalised(address: str) -> str:
    return address.strip().casefold()


def person_digest(address: str, *, key: str) -> str:
    """Hex HMAC-SHA256 of the normalised address; empty for no address."""
    if not normalised(address):
        return ""
    return hmac.new(
        key.encode(), b"consultation-person:" + normalised(address).encode(), hashlib.sha256
    ).hexdigest()
