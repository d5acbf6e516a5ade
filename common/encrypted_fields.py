"""Secrets the application must read back (a mailbox's IMAP password) are stored encrypted,
with django-fernet-encrypted-fields: Fernet (AES with an HMAC), the key derived from
``SECRET_KEY`` and ``SALT_KEY`` (config/settings.py). A database dump or backup alone does
not give them away.

``SECRET_KEY_FALLBACKS`` still decrypts what an earlier key encrypted: when changing
``DJANGO_SECRET_KEY``, list the old one there until every secret has been saved again. A value
that no key decrypts is read as it is stored (the library's choice): that is how the values
stored before encryption are read, until the data migration encrypts them.
"""

from typing import Any

from encrypted_fields.fields import EncryptedCharField


class EncryptedSecretField(EncryptedCharField):
    """An encrypted string whose empty value is stored as "" (the library stores ``None``,
    which would need a nullable column and two ways of saying "none")."""

    def get_prep_value(self, value: Any) -> Any:
        prepared = super().get_prep_value(value)
        return "" if prepared is None else prepared
