"""Subject access exports are stored encrypted with Fernet (AES with an HMAC, from
``cryptography``), the key derived from ``SECRET_KEY`` as ``common/encrypted_fields.py``'s
library derives its keys (PBKDF2-SHA256), with a salt of its own so that the two never share
a key. ``SECRET_KEY_FALLBACKS`` still decrypt an export made under an earlier key."""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings

SALT = b"cyswllt-subject-access-exports"


@lru_cache(maxsize=8)
def _fernet(secrets: tuple[str, ...]) -> MultiFernet:
    keys = []
    for secret in secrets:
        kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=SALT, iterations=100_000)
        keys.append(Fernet(base64.urlsafe_b64encode(kdf.derive(secret.encode("utf-8")))))
    return MultiFernet(keys)


def _keys() -> MultiFernet:
    return _fernet((settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])))


def encrypt(data: bytes) -> bytes:
    return _keys().encrypt(data)


def decrypt(token: bytes) -> bytes:
    """Raises ``cryptography.fernet.InvalidToken`` when no key decrypts it."""
    return _keys().decrypt(token)
